# Starts a two-shard ClickHouse 26.7 cluster on 127.0.0.1 for the tests: chDB's engine library (npm) served node by
# node by clickhouse/chdb_server.py; sourced by scripts/test.sh and with-clickhouse.sh. The nodes have no login
# (default user, no password): loopback and tests only.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CLICKHOUSE_PACKAGE="@chdb/lib-linux-x64-gnu@26.7.3-stable.1"
CLICKHOUSE_CLUSTER="customers_cluster"
CLICKHOUSE_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")/clickhouse" && pwd)"

# Unpacks the package once into the npm cache folder (178 MB download, 566 MB unpacked) and prints libchdb.so's
# path; later runs and other work trees reuse it. Unpacked beside the cache and renamed into place, so a copy that
# is there is whole.
clickhouse_library() {
  local dir="$CAMPAIGNBOT_NPM_DIR/${CLICKHOUSE_PACKAGE#@chdb/}"
  mkdir -p "$CAMPAIGNBOT_NPM_DIR" || return 1
  (
    flock 9
    if [ ! -f "$dir/package/libchdb.so" ]; then
      echo "Installing $CLICKHOUSE_PACKAGE..." >&2
      local unpacking; unpacking="$(mktemp -d "$CAMPAIGNBOT_NPM_DIR/chdb.XXXXXX")" || exit 1
      if ! (cd "$unpacking" && npm pack --silent "$CLICKHOUSE_PACKAGE" >/dev/null && tar xzf ./*.tgz && rm -f ./*.tgz); then
        rm -rf "$unpacking"
        exit 1
      fi
      rm -rf "$dir" && mv "$unpacking" "$dir"
    fi
  ) 9>"$CAMPAIGNBOT_NPM_DIR/.chdb.lock" || return 1
  echo "$dir/package/libchdb.so"
}

start_clickhouse() {
  local run_dir="$1" library
  command -v python3 >/dev/null || apt-get install -y -qq python3 >/dev/null || return 1
  library="$(clickhouse_library)" || return 1
  CLICKHOUSE_DIR="$run_dir/clickhouse"
  mkdir -p "$CLICKHOUSE_DIR"
  local http1 tcp1 http2 tcp2
  http1="$(free_port "${CLICKHOUSE_PORT:-28123}")"
  tcp1="$(free_port $((http1 + 1)))"
  http2="$(free_port $((tcp1 + 1)))"
  tcp2="$(free_port $((http2 + 1)))"
  local node http tcp
  for node in 1 2; do
    if [ "$node" -eq 1 ]; then http="$http1" tcp="$tcp1"; else http="$http2" tcp="$tcp2"; fi
    mkdir -p "$CLICKHOUSE_DIR/node$node"
    sed -e "s#DATA_DIR#$CLICKHOUSE_DIR/node$node#g" -e "s#CLUSTER_NAME#$CLICKHOUSE_CLUSTER#g" \
      -e "s#SHARD1_TCP_PORT#$tcp1#" -e "s#SHARD2_TCP_PORT#$tcp2#" "$CLICKHOUSE_SCRIPTS/node.xml" >"$CLICKHOUSE_DIR/node$node.xml"
    (cd "$CLICKHOUSE_DIR/node$node" && exec python3 "$CLICKHOUSE_SCRIPTS/chdb_server.py" "$library" "$CLICKHOUSE_DIR/node$node/data" \
      "$CLICKHOUSE_DIR/node$node.xml" "$http" "$tcp") >"$CLICKHOUSE_DIR/node$node.log" 2>&1 &
    echo $! >"$CLICKHOUSE_DIR/node$node.pid"
  done
  for port in "$http1:1" "$tcp1:1" "$http2:2" "$tcp2:2"; do
    wait_for_port "${port%:*}" 30 "$(cat "$CLICKHOUSE_DIR/node${port#*:}.pid")" \
      || { cat "$CLICKHOUSE_DIR"/node*.log; stop_clickhouse; return 1; }
  done
  export CAMPAIGNBOT_TEST_CLICKHOUSE="Host=127.0.0.1;Port=$http1"
  export CAMPAIGNBOT_TEST_CLICKHOUSE_NODES="Host=127.0.0.1;Port=$http1 Host=127.0.0.1;Port=$http2"
  export CAMPAIGNBOT_TEST_CLICKHOUSE_CLUSTER="$CLICKHOUSE_CLUSTER"
  echo "ClickHouse cluster $CLICKHOUSE_CLUSTER: shards on 127.0.0.1:$http1 and 127.0.0.1:$http2 (HTTP)"
}

# Stops both nodes and waits (up to 5 s, then kills) until they are gone, so their folder can be removed.
stop_clickhouse() {
  [ -n "${CLICKHOUSE_DIR:-}" ] || return 0
  local node pids="" pid tries=50
  for node in 1 2; do
    [ -f "$CLICKHOUSE_DIR/node$node.pid" ] && pids="$pids $(cat "$CLICKHOUSE_DIR/node$node.pid")"
    stop_pid_file "$CLICKHOUSE_DIR/node$node.pid"
  done
  for pid in $pids; do
    while kill -0 "$pid" 2>/dev/null && [ "$tries" -gt 0 ]; do sleep 0.1; tries=$((tries - 1)); done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
  done
}
