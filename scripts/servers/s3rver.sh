# Starts s3rver (an S3 look-alike; the GCS connector's S3-compatible interface is tested on it too) on
# 127.0.0.1 for the tests; sourced by scripts/test.sh. It accepts only the credentials S3RVER/S3RVER.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

start_s3rver() {
  local run_dir="$1" bin
  bin="$(npm_tool s3rver@3.7.1 s3rver)" || return 1
  S3RVER_DIR="$run_dir/s3rver"
  mkdir -p "$S3RVER_DIR/data"
  local port; port="$(free_port "${S3RVER_PORT:-4568}")"
  "$bin" -d "$S3RVER_DIR/data" -a 127.0.0.1 -p "$port" --silent >"$S3RVER_DIR/s3rver.log" 2>&1 &
  echo $! >"$S3RVER_DIR/pid"
  wait_for_port "$port" 30 "$(cat "$S3RVER_DIR/pid")" || { cat "$S3RVER_DIR/s3rver.log"; stop_s3rver; return 1; }
  export CAMPAIGNBOT_TEST_S3="http://127.0.0.1:$port"
  echo "s3rver on 127.0.0.1:$port"
}

stop_s3rver() {
  [ -n "${S3RVER_DIR:-}" ] && stop_pid_file "$S3RVER_DIR/pid"
}
