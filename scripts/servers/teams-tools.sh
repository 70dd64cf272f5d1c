# Installs the Teams channel's offline test tools (adaptivecards, ajv, @microsoft/app-manifest and the Microsoft 365
# Agents Playground; pinned in scripts/teams/tools/package-lock.json) into the shared npm folder and exports
# CAMPAIGNBOT_TEAMS_TOOLS, which the Teams tests read to find them (they skip their node checks when it is unset).
# The Playground screenshot also needs Chromium and playwright-core: those come from browser-tools.sh, the one place
# the repository installs them, so a single playwright-core version is pinned. Sourced, never run.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=browser-tools.sh
. "$(dirname "${BASH_SOURCE[0]}")/browser-tools.sh"

install_teams_tools() {
  local source_dir dir wanted
  source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../teams/tools" && pwd)" || return 1
  dir="$CAMPAIGNBOT_NPM_DIR/teams-tools"
  mkdir -p "$dir" || return 1
  wanted="$(cat "$source_dir/package.json" "$source_dir/package-lock.json" "$source_dir/.npmrc" | sha256sum | cut -d' ' -f1)"
  (
    flock 9
    # Reinstall only when the pinned set changed (or a previous install did not finish).
    if [ "$(cat "$dir/.installed" 2>/dev/null)" != "$wanted" ]; then
      echo "Installing the Teams validators and the Agents Playground into $dir..." >&2
      rm -f "$dir/.installed"
      cp "$source_dir/package.json" "$source_dir/package-lock.json" "$source_dir/.npmrc" "$dir/" || exit 1
      (cd "$dir" && npm ci --no-audit --no-fund --silent >&2) || exit 1
      echo "$wanted" >"$dir/.installed"
    fi
  ) 9>"$CAMPAIGNBOT_NPM_DIR/.teams-tools.lock" || return 1
  export CAMPAIGNBOT_TEAMS_TOOLS="$dir"
  echo "Teams validators and Agents Playground in $dir"
  install_browser_tools
}
