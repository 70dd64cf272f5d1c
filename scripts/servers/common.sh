# Helpers shared by the test-server scripts beside this file; sourced, never run.

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The first port from $1 up that nothing listens on.
free_port() {
  local port="$1"
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

# Waits up to $2 seconds for process $3 to listen on port $1; gives up at once if the process dies.
wait_for_port() {
  local port="$1" tries=$(( $2 * 10 )) pid="$3"
  while ! port_in_use "$port"; do
    kill -0 "$pid" 2>/dev/null || return 1
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || return 1
    sleep 0.1
  done
}

# npm tools live in one folder outside the run directory, so later runs (and other work trees) reuse
# them instead of downloading again; the lock keeps two runs from installing into it at once.
CAMPAIGNBOT_NPM_DIR="${CAMPAIGNBOT_NPM_DIR:-/tmp/campaignbot-npm}"

# Installs npm package $1 (name@version) unless present, then prints the path of its binary $2.
npm_tool() {
  local package="$1" binary="$2" name="${1%@*}" version="${1##*@}"
  mkdir -p "$CAMPAIGNBOT_NPM_DIR" || return 1
  (
    flock 9
    local installed
    installed="$(node -p "require('$CAMPAIGNBOT_NPM_DIR/node_modules/$name/package.json').version" 2>/dev/null)"
    if [ "$installed" != "$version" ]; then
      echo "Installing $package..." >&2
      npm install --prefix "$CAMPAIGNBOT_NPM_DIR" --no-audit --no-fund --save-exact --silent "$package" >&2 || exit 1
    fi
  ) 9>"$CAMPAIGNBOT_NPM_DIR/.lock" || return 1
  echo "$CAMPAIGNBOT_NPM_DIR/node_modules/.bin/$binary"
}

# Stops the process whose id is in file $1, if it still runs.
stop_pid_file() {
  [ -f "$1" ] || return 0
  local pid; pid="$(cat "$1")"
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  rm -f "$1"
}
