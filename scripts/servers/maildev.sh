# Starts maildev (an SMTP server that keeps every mail and shows it over a REST API) on 127.0.0.1 for the
# email tests; sourced by scripts/test.sh. It accepts any mail without authentication or TLS.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

start_maildev() {
  local run_dir="$1" bin
  bin="$(npm_tool maildev@3.0.0 maildev)" || return 1
  MAILDEV_DIR="$run_dir/maildev"
  mkdir -p "$MAILDEV_DIR/mail"
  local smtp_port web_port
  smtp_port="$(free_port "${MAILDEV_SMTP_PORT:-1025}")"
  web_port="$(free_port "${MAILDEV_WEB_PORT:-1080}")"
  # The two searches can land on one port when the ranges meet; the web port then moves past the SMTP one.
  [ "$web_port" != "$smtp_port" ] || web_port="$(free_port $((smtp_port + 1)))"
  "$bin" --ip 127.0.0.1 --web-ip 127.0.0.1 -s "$smtp_port" -w "$web_port" --mail-directory "$MAILDEV_DIR/mail" \
    >"$MAILDEV_DIR/maildev.log" 2>&1 &
  echo $! >"$MAILDEV_DIR/pid"
  local pid; pid="$(cat "$MAILDEV_DIR/pid")"
  { wait_for_port "$smtp_port" 30 "$pid" && wait_for_port "$web_port" 30 "$pid"; } \
    || { cat "$MAILDEV_DIR/maildev.log"; stop_maildev; return 1; }
  export CAMPAIGNBOT_TEST_SMTP="127.0.0.1:$smtp_port"
  export CAMPAIGNBOT_TEST_MAILDEV="http://127.0.0.1:$web_port/"
  echo "maildev on 127.0.0.1:$smtp_port (SMTP) and 127.0.0.1:$web_port (web)"
}

stop_maildev() {
  [ -n "${MAILDEV_DIR:-}" ] && stop_pid_file "$MAILDEV_DIR/pid"
}
