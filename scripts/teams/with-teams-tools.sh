#!/usr/bin/env bash
# Runs a command with the Teams validators installed and CAMPAIGNBOT_TEAMS_TOOLS set, e.g.
#   scripts/teams/with-teams-tools.sh dotnet test tests/CampaignBot.Chat.Teams.Tests -c Release
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/../servers/teams-tools.sh"
install_teams_tools || { echo "Could not install the Teams validators"; exit 1; }
"$@"
