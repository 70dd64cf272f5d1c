# Installs what the web chat's browser test needs: Chromium at /usr/bin/chromium (apt, when missing) and
# playwright-core (pinned in scripts/browser/package-lock.json; it brings no browser of its own) into the shared npm
# folder, then exports CAMPAIGNBOT_BROWSER_TOOLS, which the test reads to find them (it skips when unset). Sourced, never run.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_browser_tools() {
  local source_dir dir wanted
  if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Chromium..." >&2
    apt-get install -y chromium >&2 || { apt-get update >&2 && apt-get install -y chromium >&2; } || return 1
  fi
  source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../browser" && pwd)" || return 1
  dir="$CAMPAIGNBOT_NPM_DIR/browser-tools"
  mkdir -p "$dir" || return 1
  wanted="$(cat "$source_dir/package.json" "$source_dir/package-lock.json" "$source_dir/.npmrc" | sha256sum | cut -d' ' -f1)"
  (
    flock 9
    # Reinstall only when the pinned set changed (or a previous install did not finish).
    if [ "$(cat "$dir/.installed" 2>/dev/null)" != "$wanted" ]; then
      echo "Installing playwright-core into $dir..." >&2
      rm -f "$dir/.installed"
      cp "$source_dir/package.json" "$source_dir/package-lock.json" "$source_dir/.npmrc" "$dir/" || exit 1
      (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent >&2) || exit 1
      echo "$wanted" >"$dir/.installed"
    fi
  ) 9>"$CAMPAIGNBOT_NPM_DIR/.browser-tools.lock" || return 1
  export CAMPAIGNBOT_BROWSER_TOOLS="$dir"
  echo "Browser tools in $dir (Chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1))"
}
