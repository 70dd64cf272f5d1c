#!/usr/bin/env bash
# Restores, builds, starts the real servers the tests use (on 127.0.0.1 only), runs every test
# project and prints "N passed, N failed". Needs root on a fresh machine to apt-get the servers.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DEBIAN_FRONTEND=noninteractive

run_dir="$(mktemp -d /tmp/campaignbot-test.XXXXXX)"
chmod 755 "$run_dir"
# shellcheck source=servers/postgres.sh
. "$root/scripts/servers/postgres.sh"
# shellcheck source=servers/sshd.sh
. "$root/scripts/servers/sshd.sh"
# shellcheck source=servers/azurite.sh
. "$root/scripts/servers/azurite.sh"
# shellcheck source=servers/s3rver.sh
. "$root/scripts/servers/s3rver.sh"
# shellcheck source=servers/maildev.sh
. "$root/scripts/servers/maildev.sh"
# shellcheck source=servers/clickhouse.sh
. "$root/scripts/servers/clickhouse.sh"
# shellcheck source=servers/teams-tools.sh
. "$root/scripts/servers/teams-tools.sh"
# shellcheck source=servers/browser-tools.sh
. "$root/scripts/servers/browser-tools.sh"
cleanup() {
  stop_postgres
  stop_sshd
  stop_azurite
  stop_s3rver
  stop_maildev
  stop_clickhouse
  rm -rf "$run_dir"
}
trap cleanup EXIT

servers_started=$SECONDS
start_postgres "$run_dir" || { echo "Could not start PostgreSQL"; exit 1; }
start_sshd "$run_dir" || { echo "Could not start sshd"; exit 1; }
start_azurite "$run_dir" || { echo "Could not start Azurite"; exit 1; }
start_s3rver "$run_dir" || { echo "Could not start s3rver"; exit 1; }
start_maildev "$run_dir" || { echo "Could not start maildev"; exit 1; }
start_clickhouse "$run_dir" || { echo "Could not start ClickHouse"; exit 1; }
install_teams_tools || { echo "Could not install the Teams validators"; exit 1; }
install_browser_tools || { echo "Could not install Chromium and playwright-core for the web chat's browser test"; exit 1; }
echo "Test servers up in $((SECONDS - servers_started)) s"

dotnet restore CampaignBot.sln || exit 1
dotnet build CampaignBot.sln --no-restore -c Release || exit 1

passed=0
failed=0
status=0
for project in tests/*/*.Tests.csproj; do
  log="$(mktemp)"
  dotnet test "$project" --no-build -c Release 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  # The runner prints one summary line per project: "Passed!  - Failed: 0, Passed: 12, ..."
  p="$(grep -Eo 'Passed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')"
  f="$(grep -Eo 'Failed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')"
  passed=$((passed + p))
  failed=$((failed + f))
  rm -f "$log"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit "$status"
