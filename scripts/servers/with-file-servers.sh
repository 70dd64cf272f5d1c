#!/usr/bin/env bash
# Runs a command with sshd, Azurite, s3rver and maildev started on 127.0.0.1 (the servers the
# file-destination and email tests need) and stops them afterwards, e.g.
#   scripts/servers/with-file-servers.sh dotnet test tests/CampaignBot.Delivery.Tests -c Release
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/sshd.sh"
. "$here/azurite.sh"
. "$here/s3rver.sh"
. "$here/maildev.sh"

run_dir="$(mktemp -d /tmp/campaignbot-servers.XXXXXX)"
chmod 755 "$run_dir"
cleanup() {
  stop_sshd
  stop_azurite
  stop_s3rver
  stop_maildev
  rm -rf "$run_dir"
}
trap cleanup EXIT

start_sshd "$run_dir" || { echo "Could not start sshd"; exit 1; }
start_azurite "$run_dir" || { echo "Could not start Azurite"; exit 1; }
start_s3rver "$run_dir" || { echo "Could not start s3rver"; exit 1; }
start_maildev "$run_dir" || { echo "Could not start maildev"; exit 1; }
"$@"
