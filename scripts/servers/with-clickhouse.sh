#!/usr/bin/env bash
# Runs a command with a two-shard ClickHouse cluster started on 127.0.0.1 and stops it afterwards, e.g.
#   scripts/servers/with-clickhouse.sh dotnet test tests/CampaignBot.Customers.Tests -c Release --filter "FullyQualifiedName~ClickHouse"
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/clickhouse.sh"

run_dir="$(mktemp -d /tmp/campaignbot-clickhouse.XXXXXX)"
cleanup() {
  stop_clickhouse
  rm -rf "$run_dir"
}
trap cleanup EXIT

start_clickhouse "$run_dir" || { echo "Could not start ClickHouse"; exit 1; }
"$@"
