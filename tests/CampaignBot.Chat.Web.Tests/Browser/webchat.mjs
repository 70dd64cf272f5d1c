// The web chat in headless Chromium, as three people use it at once: maya builds a campaign through the wizard (one
// step answered wrongly first) and submits it; omar, in another browser context, sees the approval card arrive and
// approves it; maya sees the decision and the run start and finish without reloading; ada is refused when she
// approves her own campaign. A screenshot of each step goes to the output folder.
//
// node webchat.mjs <service base url> <output folder> <ada's draft campaign name>
// Needs CAMPAIGNBOT_BROWSER_TOOLS (the folder scripts/servers/browser-tools.sh installs playwright-core into).
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';

const require = createRequire(path.join(process.env.CAMPAIGNBOT_BROWSER_TOOLS, 'package.json'));
const { chromium } = require('playwright-core');

const [base, out, adaCampaign] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const campaign = 'Browser spring sale';
const patience = { timeout: 30_000 };
let shot = 0;

const step = name => console.log(`step: ${name}`);
const screenshot = async (page, name) => {
  shot += 1;
  const file = path.join(out, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  console.log(`screenshot: ${file}`);
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});

const person = async (name, options) => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  page.on('pageerror', error => console.log(`${name} page error: ${error.message}`));
  page.on('console', message => {
    if (message.type() === 'error') {
      console.log(`${name} console: ${message.text()}`);
    }
  });
  await page.goto(`${base}/chat`);
  await page.getByLabel(name).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('body[data-live="true"]', { state: 'attached', ...patience });
  await page.getByRole('article', { name: 'CampaignBot commands' }).waitFor(patience);
  return page;
};

const say = async (page, text) => {
  const box = page.getByLabel('Message CampaignBot');
  await box.fill(text);
  await box.press('Enter');
};

// A message by what it shows or by its accessible name (its one-line summary).
const card = (page, text) => page.locator('article.card', { hasText: text }).or(page.getByRole('article', { name: text })).last();

try {
  step('maya and omar sign in');
  const maya = await person('Maya Marketer');
  // Omar reads on a phone-sized screen in dark mode: the card must fit 375 px without scrolling sideways.
  const omar = await person('Omar Approver', { viewport: { width: 375, height: 812 }, colorScheme: 'dark', isMobile: true, hasTouch: true });
  await screenshot(maya, 'maya-signed-in');

  step('maya starts the wizard; the first field has the focus');
  await say(maya, 'new');
  const wizard = maya.locator('form.chat-form').last();
  await wizard.waitFor(patience);
  await maya.waitForFunction(() => document.activeElement?.getAttribute('name') === 'name', null, patience);
  await maya.getByLabel('Campaign name').fill(campaign);
  await wizard.getByLabel('Type', { exact: true }).selectOption('one-time');

  step('type-ahead finds the segment');
  await wizard.getByLabel('Search: Include customers in').fill('loy');
  await wizard.getByText(/^[0-9]+ match(es)?$/).first().waitFor(patience);
  const includeOptions = wizard.locator('fieldset[data-field="audience.include"] .option:not([hidden])');
  assert.deepEqual(await includeOptions.allInnerTexts().then(t => t.map(s => s.trim().split(' Members')[0])), ['Loyalty members']);
  await wizard.locator('fieldset[data-field="audience.include"]').getByLabel('Loyalty members').check();
  await screenshot(maya, 'maya-wizard-type-ahead');
  await wizard.getByRole('button', { name: 'Next' }).click();

  step('a wrong control percent is shown beside its field');
  const control = maya.getByLabel('Control group percent (held out, never sent)');
  await control.waitFor(patience);
  await control.fill('ten');
  await maya.locator('form.chat-form').last().getByRole('button', { name: 'Next' }).click();
  const controlField = maya.locator('[data-field="subAudiences[0].controlPercent"]');
  const error = controlField.locator('.field-error');
  await error.waitFor({ state: 'visible', ...patience });
  assert.match(await error.innerText(), /number between 0 and 100/);
  assert.equal(await control.getAttribute('aria-invalid'), 'true');
  await maya.waitForFunction(() => document.activeElement?.getAttribute('name') === 'subAudiences[0].controlPercent', null, patience);
  await screenshot(maya, 'maya-field-error');

  step('maya corrects it and finishes the wizard');
  await control.fill('10');
  await maya.locator('form.chat-form').last().getByRole('button', { name: 'Next' }).click();
  const groups = maya.locator('form.chat-form', { hasText: 'Step 3' });
  await groups.waitFor(patience);
  await groups.getByLabel('Group 1 name').fill('Email');
  await groups.locator('[data-field="subAudiences[0].groups[0].destinations"]').getByLabel('outbox', { exact: false }).first().check();
  await groups.getByRole('button', { name: 'Next' }).click();
  const attributes = maya.locator('form.chat-form', { hasText: 'Step 4' });
  await attributes.getByLabel('Email → outbox').fill('customer_id, email');
  await attributes.getByRole('button', { name: 'Next' }).click();
  await maya.locator('form.chat-form', { hasText: 'Step 5' }).getByRole('button', { name: 'Review' }).click();
  await maya.locator('form.chat-form', { hasText: 'Step 6' }).getByRole('button', { name: 'Create draft' }).click();
  const draft = card(maya, `Draft ${campaign} created`);
  await draft.waitFor(patience);
  assert.equal(await maya.locator('form.chat-form').count(), 0, 'the wizard made way for the draft');
  await screenshot(maya, 'maya-draft-created');

  step('maya submits; omar sees the card arrive without reloading');
  await draft.getByRole('button', { name: 'Submit for approval' }).click();
  await card(maya, `${campaign} was submitted for approval`).waitFor(patience);
  const request = card(omar, `Approval needed: ${campaign}`);
  await request.waitFor(patience);
  const overflow = await omar.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `omar's 375 px screen scrolls sideways by ${overflow} px`);
  await request.scrollIntoViewIfNeeded();
  await screenshot(omar, 'omar-approval-card-375px-dark');

  step('omar approves after the confirmation; the card updates in place');
  await request.getByRole('button', { name: 'Approve' }).click();
  const dialog = omar.getByRole('dialog', { name: 'Approve this campaign?' });
  await dialog.waitFor(patience);
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await card(omar, `You approved ${campaign}`).waitFor(patience);
  await card(omar, `${campaign}: approved`).waitFor(patience);
  assert.equal(await omar.locator('article.card', { hasText: `Approval needed: ${campaign}` }).count(), 0, 'the pending card was replaced, not kept');
  await screenshot(omar, 'omar-approved');

  step('maya sees the approval and the run start and finish, live');
  await card(maya, `Your campaign ${campaign} was approved`).waitFor(patience);
  await card(maya, 'Run started').waitFor(patience);
  const finished = card(maya, /: run (completed|partially failed|failed)/i);
  await finished.waitFor({ timeout: 60_000 });
  assert.match(await finished.innerText(), /: run completed/i, 'the run completed');
  await maya.locator('article.card').last().scrollIntoViewIfNeeded();
  await screenshot(maya, 'maya-approved-and-run');

  step('ada submits her own campaign and is refused when she approves it');
  const ada = await person('Ada Admin');
  await say(ada, `submit ${adaCampaign}`);
  const own = card(ada, `Approval needed: ${adaCampaign}`);
  await own.waitFor(patience);
  await own.getByRole('button', { name: 'Approve' }).click();
  const adaDialog = ada.getByRole('dialog', { name: 'Approve this campaign?' });
  await adaDialog.getByRole('button', { name: 'Approve' }).click();
  const refusal = card(ada, 'someone else must approve it (four-eyes)');
  await refusal.waitFor(patience);
  await refusal.evaluate(element => element.scrollIntoView({ block: 'end' }));
  assert.equal(await ada.locator('article.card', { hasText: `Approval needed: ${adaCampaign}` }).count(), 1, 'her card still waits for someone else');
  await screenshot(ada, 'ada-refused');

  console.log('webchat browser test passed');
} finally {
  await browser.close();
}
