#!/usr/bin/env bash
# Builds the Teams app package to upload (Teams admin center or "Upload a custom app"): manifests/teams/manifest.json
# with the bot's Microsoft App ID and the service's public host filled in, plus color.png and outline.png, all three
# at the root of the zip as Teams requires.
#   scripts/teams/package.sh APP_ID HOST [OUT.zip]
#     APP_ID  the Azure Bot's Microsoft App ID (a GUID): the app id and bots[0].botId
#     HOST    the public host name serving https://HOST/api/messages, e.g. campaignbot.example.com
#     OUT     where to write the zip (default: campaignbot-teams.zip)
# PRIVACY_URL and TERMS_URL, when set, replace the developer links (default https://HOST/).
set -euo pipefail

if [ "$#" -lt 2 ] || [ "$#" -gt 3 ]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

app_id="$1" host="$2" out="${3:-campaignbot-teams.zip}"
if ! [[ "$app_id" =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]]; then
  echo "APP_ID must be the bot's Microsoft App ID, a GUID such as 6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b (got '$app_id')." >&2
  exit 2
fi
if ! [[ "$host" =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$ ]]; then
  echo "HOST must be a host name such as campaignbot.example.com, without https:// or a path (got '$host')." >&2
  exit 2
fi

source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../manifests/teams" && pwd)"
APP_ID="$app_id" HOST_NAME="$host" SOURCE="$source_dir" OUT="$out" \
PRIVACY_URL="${PRIVACY_URL:-https://$host/}" TERMS_URL="${TERMS_URL:-https://$host/}" python3 - <<'PY'
import json, os, zipfile

source, app_id, host = os.environ["SOURCE"], os.environ["APP_ID"].lower(), os.environ["HOST_NAME"]
with open(os.path.join(source, "manifest.json"), encoding="utf-8") as f:
    manifest = json.load(f)

manifest["id"] = app_id
for bot in manifest.get("bots", []):
    bot["botId"] = app_id
developer = manifest["developer"]
developer["websiteUrl"] = developer["websiteUrl"].replace("HOST", host)
developer["privacyUrl"] = os.environ["PRIVACY_URL"]
developer["termsOfUseUrl"] = os.environ["TERMS_URL"]
manifest["validDomains"] = [host if d == "HOST" else d for d in manifest.get("validDomains", [])]

with zipfile.ZipFile(os.environ["OUT"], "w", zipfile.ZIP_DEFLATED) as package:
    package.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    for icon in ("color.png", "outline.png"):
        package.write(os.path.join(source, icon), icon)
PY
echo "Wrote $out (app id $app_id, host $host)"
