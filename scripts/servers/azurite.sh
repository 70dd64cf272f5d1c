# Starts Azurite's blob service on 127.0.0.1 for the tests; sourced by scripts/test.sh. The account is
# Azurite's documented development account, so the key below is public, not a secret.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

AZURITE_ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

start_azurite() {
  local run_dir="$1" bin
  bin="$(npm_tool azurite@3.35.0 azurite-blob)" || return 1
  AZURITE_DIR="$run_dir/azurite"
  mkdir -p "$AZURITE_DIR"
  local port; port="$(free_port "${AZURITE_PORT:-10000}")"
  # --skipApiVersionCheck: Azure.Storage.Blobs 12.30 speaks a newer API version than Azurite 3.35 knows.
  # Started inside its folder: Azurite writes its debug files to the working directory.
  (cd "$AZURITE_DIR" && exec "$bin" --blobHost 127.0.0.1 --blobPort "$port" --inMemoryPersistence --skipApiVersionCheck --disableTelemetry) \
    >"$AZURITE_DIR/azurite.log" 2>&1 &
  echo $! >"$AZURITE_DIR/pid"
  wait_for_port "$port" 30 "$(cat "$AZURITE_DIR/pid")" || { cat "$AZURITE_DIR/azurite.log"; stop_azurite; return 1; }
  export CAMPAIGNBOT_TEST_AZURITE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_ACCOUNT_KEY;BlobEndpoint=http://127.0.0.1:$port/devstoreaccount1;"
  echo "Azurite on 127.0.0.1:$port"
}

stop_azurite() {
  [ -n "${AZURITE_DIR:-}" ] && stop_pid_file "$AZURITE_DIR/pid"
}
