// Every role's pages in Swedish, on the demo population (data these tests did
// not design): no English sentence words, no raw codes, no page wider than a
// 1280 px window. Each role follows the links of its start page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

// English words that are not Swedish (the server's tests use the same list).
const ENGLISH = new Set(['the', 'and', 'of', 'with', 'not', 'from', 'has', 'have', 'this', 'which',
  'must', 'may', 'cannot', 'case', 'cases', 'trip', 'trips', 'days', 'detention', 'handover', 'none',
  'yes', 'no', 'unknown', 'withheld', 'pending', 'approved', 'rejected', 'error', 'failed']);

export function notSwedish(text) {
  const found = new Set();
  for (const word of text.split(/[^\p{L}\p{N}_]+/u)) {
    const code = /^[a-z]+(_[a-z]+)+$/.test(word);
    if (code || ENGLISH.has(word.toLowerCase())) { found.add(word); }
  }
  return [...found].sort();
}

let server;
let browser;

before(async () => {
  server = await startServer({ cases: 3000 });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the checker itself', () => {
  assert.deepEqual(notSwedish('Ärendet impediment_lodged the'), ['impediment_lodged', 'the']);
  assert.deepEqual(notSwedish('Förvar, 3 dygn kvar: UT-2026-000001'), []);
});

test('every role reads its pages in Swedish, none wider than 1280 px', async () => {
  const bad = [];
  let visited = 0;
  for (const u of Object.values(server.users)) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.base}/login`);
    await page.fill('#user', u.name);
    await page.fill('#password', u.password);
    await Promise.all([page.waitForURL(`${server.base}/`), page.click('button[type=submit]')]);
    const hrefs = await page.locator('main a[href^="/"], nav a[href^="/"]').evaluateAll(
      (as) => as.map((a) => a.getAttribute('href')));
    const paths = [...new Set(['/', ...hrefs])]
      .filter((h) => !h.startsWith('/logout') && !h.startsWith('/lang') && !h.startsWith('/static')
        && !h.includes('.pdf') && !h.startsWith('/reports/file'))
      .slice(0, 12);
    for (const path of paths) {
      const resp = await page.goto(`${server.base}${path}`);
      if (!resp || resp.status() !== 200) { continue; }
      visited += 1;
      // Users' names (`mv.case-officer`, `cli:…`) are data, not page text.
      let text = await page.locator('body').innerText();
      for (const name of Object.keys(server.users)) { text = text.split(name).join(' '); }
      text = text.replace(/cli:\S+/g, ' ');
      const words = notSwedish(text);
      if (words.length) { bad.push(`${u.name} ${path}: ${words.join(', ')}`); }
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (wide > 1) { bad.push(`${u.name} ${path}: ${wide} px wider than the window`); }
    }
    await context.close();
  }
  assert.ok(visited > 20, `only ${visited} pages visited`);
  assert.deepEqual(bad, [], 'Swedish pages with English, codes or overflow');
});
