# Starts a second, throw-away sshd (SFTP only) on 127.0.0.1 for the tests; sourced by scripts/test.sh.
# It gets its own host key, its own user with a random password and a key pair, and a drop folder in
# the run directory; stop_sshd removes the user again. Needs root (useradd, and sshd checks passwords).
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

start_sshd() {
  local run_dir="$1"
  if [ ! -x /usr/sbin/sshd ]; then
    echo "Installing openssh-server..."
    apt-get install -y -qq openssh-server >/dev/null || { apt-get update -qq && apt-get install -y -qq openssh-server >/dev/null; } || return 1
  fi
  SSHD_DIR="$run_dir/sshd"
  mkdir -p "$SSHD_DIR" /run/sshd
  # The test user has to reach its drop folder inside the run directory.
  chmod o+x "$run_dir"
  # One user per run, so parallel runs on one machine never share a password.
  SSHD_USER="cbsftp$$"
  local password; password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  id "$SSHD_USER" >/dev/null 2>&1 || useradd -M -d "$SSHD_DIR/home" -s /usr/sbin/nologin "$SSHD_USER" || return 1
  echo "$SSHD_USER:$password" | chpasswd || { stop_sshd; return 1; }
  mkdir -p "$SSHD_DIR/home/drop"
  chown -R "$SSHD_USER" "$SSHD_DIR/home"

  ssh-keygen -q -t ed25519 -N '' -C campaignbot-test-host -f "$SSHD_DIR/host_ed25519" || { stop_sshd; return 1; }
  ssh-keygen -q -t ed25519 -N '' -C campaignbot-test-user -f "$SSHD_DIR/user_ed25519" || { stop_sshd; return 1; }
  cp "$SSHD_DIR/user_ed25519.pub" "$SSHD_DIR/authorized_keys"
  chmod 644 "$SSHD_DIR/authorized_keys" "$SSHD_DIR/user_ed25519"
  local port; port="$(free_port "${SSHD_PORT:-2222}")"
  cat >"$SSHD_DIR/sshd_config" <<CONFIG
ListenAddress 127.0.0.1
Port $port
HostKey $SSHD_DIR/host_ed25519
PidFile $SSHD_DIR/sshd.pid
AuthorizedKeysFile $SSHD_DIR/authorized_keys
AllowUsers $SSHD_USER
StrictModes no
UsePAM no
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin no
Subsystem sftp internal-sftp
ForceCommand internal-sftp
CONFIG
  /usr/sbin/sshd -D -f "$SSHD_DIR/sshd_config" -E "$SSHD_DIR/sshd.log" &
  echo $! >"$SSHD_DIR/pid"
  wait_for_port "$port" 15 "$(cat "$SSHD_DIR/pid")" || { cat "$SSHD_DIR/sshd.log"; stop_sshd; return 1; }
  local fingerprint; fingerprint="$(ssh-keygen -l -f "$SSHD_DIR/host_ed25519.pub" | awk '{print $2}')"
  export CAMPAIGNBOT_TEST_SFTP="Host=127.0.0.1;Port=$port;User=$SSHD_USER;Password=$password;PrivateKeyFile=$SSHD_DIR/user_ed25519;Folder=$SSHD_DIR/home/drop;HostKeyFingerprint=$fingerprint"
  echo "sshd (SFTP) on 127.0.0.1:$port"
}

stop_sshd() {
  [ -n "${SSHD_DIR:-}" ] || return 0
  stop_pid_file "$SSHD_DIR/pid"
  [ -n "${SSHD_USER:-}" ] && userdel "$SSHD_USER" >/dev/null 2>&1
  return 0
}
