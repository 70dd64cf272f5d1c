// Opens the Agents Playground's web page in headless Chromium, selects a conversation, prints "ready", waits until a
// card with the given text shows, and saves a screenshot. The page shows only what arrives while it is open, so the
// caller starts this first and makes the bot post after "ready". Usage:
//   node playground-screenshot.js PLAYGROUND_URL CONVERSATION_NAME TEXT OUT.png
// playwright-core comes from $CAMPAIGNBOT_BROWSER_TOOLS (scripts/servers/browser-tools.sh) and drives /usr/bin/chromium.
'use strict';
const path = require('path');
const { createRequire } = require('module');

const [url, conversation, text, out] = process.argv.slice(2);
const tools = process.env.CAMPAIGNBOT_BROWSER_TOOLS;
const browserPath = '/usr/bin/chromium';
if (!tools || !out) {
  console.error('usage: node playground-screenshot.js URL CONVERSATION TEXT OUT.png (with CAMPAIGNBOT_BROWSER_TOOLS set)');
  process.exit(2);
}

const { chromium } = createRequire(path.join(tools, 'package.json'))('playwright-core');

(async () => {
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.getByRole('treeitem', { name: new RegExp(conversation) }).first().click();
    console.log('ready');
    try {
      await page.getByText(text).first().waitFor({ timeout: 60000 });
    } catch (error) {
      // What the page showed instead, to see why.
      await page.screenshot({ path: out.replace(/\.png$/, '.failed.png') });
      throw error;
    }
    // The log panel is for debugging the Playground itself; the conversation is what the picture is about.
    const close = page.getByRole('button', { name: /close/i });
    if (await close.count()) {
      await close.first().click().catch(() => {});
    }
    await page.waitForTimeout(500);
    await page.screenshot({ path: out });
    console.log(out);
  } finally {
    await browser.close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
