// Validates Adaptive Card files: the adaptivecards library (parse at the card's version, then validateProperties)
// and the official JSON schema of that version (ajv, draft-06). Prints [{file, version, library, schema}] as JSON.
// Usage: node validate-cards.js CARD.json...   (packages from $CAMPAIGNBOT_TEAMS_TOOLS)
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const tools = process.env.CAMPAIGNBOT_TEAMS_TOOLS;
if (!tools) {
  console.error('CAMPAIGNBOT_TEAMS_TOOLS is not set (scripts/servers/teams-tools.sh sets it)');
  process.exit(2);
}
const load = createRequire(path.join(tools, 'package.json'));
// lib/ is extension-less ESM that Node cannot load; the dist bundle is CommonJS.
const AC = load('adaptivecards/dist/adaptivecards.js');
const Ajv = load('ajv');
const addFormats = load('ajv-formats');

const versions = { '1.5': AC.Versions.v1_5, '1.6': AC.Versions.v1_6 };

function schemaFor(version) {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, `adaptive-card-${version}.schema.json`), 'utf8'));
  // Two quirks of the published files: a draft-04 style top-level "id", and draft-03 style boolean "required"
  // inside property schemas (1.6). Neither changes what a valid card is.
  delete schema.id;
  schema.$id = `adaptive-card-${version}`;
  (function strip(node) {
    if (Array.isArray(node)) return node.forEach(strip);
    if (node && typeof node === 'object') {
      if ('required' in node && !Array.isArray(node.required)) delete node.required;
      Object.values(node).forEach(strip);
    }
  })(schema);
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(load('ajv/dist/refs/json-schema-draft-06.json'));
  addFormats(ajv);
  ajv.addSchema(schema);
  const card = ajv.getSchema(schema.$id);
  const definition = (type) => (schema.definitions[type] ? ajv.getSchema(`${schema.$id}#/definitions/${type}`) : null);
  return { card, definition };
}

// A failing element fails every branch of a long anyOf, so the whole-card errors are noise. Re-check each typed
// object against the definition of its own type and keep the errors that are about it, not about a nested element.
function explain(validator, card) {
  const problems = new Set();
  (function walk(node, pointer) {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${pointer}/${i}`));
    if (!node || typeof node !== 'object') return;
    const check = typeof node.type === 'string' ? validator.definition(node.type) : null;
    if (check && !check(node)) {
      for (const e of check.errors) {
        const steps = e.instancePath.split('/').slice(1);
        let inner = node;
        let nested = false;
        for (const step of steps) {
          inner = inner == null ? inner : inner[step];
          if (inner && typeof inner === 'object' && !Array.isArray(inner) && typeof inner.type === 'string') nested = true;
        }
        if (!nested) problems.add(`${pointer}${e.instancePath || ''} ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
      }
    }
    Object.entries(node).forEach(([key, value]) => walk(value, `${pointer}/${key}`));
  })(card, '');
  return problems.size > 0 ? [...problems] : ['the card does not match the schema (no single element explains why)'];
}

const validators = {};
const results = process.argv.slice(2).map((file) => {
  const card = JSON.parse(fs.readFileSync(file, 'utf8'));
  const version = card.version;
  if (!versions[version]) {
    return { file, version, library: [`version ${version} is not 1.5 or 1.6`], schema: [] };
  }

  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  context.targetVersion = versions[version];
  parsed.parse(card, context);
  const library = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    library.push(`${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of parsed.validateProperties().validationEvents) {
    library.push(`${AC.ValidationEvent[e.event]}: ${e.message}`);
  }

  const validator = (validators[version] = validators[version] || schemaFor(version));
  const schema = validator.card(card) ? [] : explain(validator, card);
  return { file, version, library, schema };
});
process.stdout.write(JSON.stringify(results, null, 1));
