// Validates Teams app manifests with @microsoft/app-manifest's bundled schemas (offline: the $schema URL maps to the
// local copy). Prints [{file, errors}] as JSON. Usage: node validate-manifest.js manifest.json...
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const tools = process.env.CAMPAIGNBOT_TEAMS_TOOLS;
if (!tools) {
  console.error('CAMPAIGNBOT_TEAMS_TOOLS is not set (scripts/servers/teams-tools.sh sets it)');
  process.exit(2);
}
// The package requires fs-extra without declaring it; the tools folder installs it beside it.
const { AppManifestUtils } = createRequire(path.join(tools, 'package.json'))('@microsoft/app-manifest');

(async () => {
  const results = [];
  for (const file of process.argv.slice(2)) {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    // validateAgainstSchema returns every error at once (readAndValidateTeamsManifest stops at the first).
    results.push({ file, errors: await AppManifestUtils.validateAgainstSchema(manifest) });
  }
  process.stdout.write(JSON.stringify(results, null, 1));
})().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
