# Starts a throw-away PostgreSQL on 127.0.0.1 (first free port from 55432) for the tests; sourced by scripts/test.sh.

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

# PostgreSQL refuses to run as root; as root we hand the data directory to the postgres user.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

start_postgres() {
  local run_dir="$1"
  if [ -z "$(postgres_bin)" ]; then
    echo "Installing PostgreSQL..."
    apt-get install -y -qq postgresql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; } || return 1
  fi
  local bin; bin="$(postgres_bin)"
  PG_PORT="${PG_PORT:-55432}"
  while port_in_use "$PG_PORT"; do PG_PORT=$((PG_PORT + 1)); done
  PG_DIR="$run_dir/postgres"
  rm -rf "$PG_DIR" && mkdir -p "$PG_DIR/sock"
  [ "$(id -u)" -ne 0 ] || chown -R postgres "$PG_DIR"
  as_postgres "$bin/initdb -D '$PG_DIR/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >"$run_dir/postgres-init.log" 2>&1 || { cat "$run_dir/postgres-init.log"; return 1; }
  as_postgres "$bin/pg_ctl -D '$PG_DIR/data' -l '$PG_DIR/postgres.log' -o \"-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_DIR/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" -w start" >/dev/null || { cat "$PG_DIR/postgres.log"; return 1; }
  export CAMPAIGNBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  echo "PostgreSQL on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ] || return 0
  as_postgres "$(postgres_bin)/pg_ctl -D '$PG_DIR/data' -m immediate stop" >/dev/null 2>&1 || true
}
