// What every page test shares: one demo server and Debian's chromium per test
// file (started before its tests, stopped after), a logged-in page per demo
// user, axe's serious and critical findings, and the screenshot folder.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer } from './server.mjs';

export const shots = join(import.meta.dirname, '..', 'screenshots');
mkdirSync(shots, { recursive: true });

// Live bindings: set by the hooks below, read by the tests.
export let server;
export let browser;

/// Registers the file's hooks: a demo server of `cases` cases and the browser.
export function useBrowser({ cases } = {}) {
  before(async () => {
    server = await startServer(cases ? { cases } : undefined);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}

/// Stops the file's server and starts it again on the same store, its clock
/// `daysAhead` days ahead (a later day of the same work).
export async function restartServer({ daysAhead = 0 } = {}) {
  const dir = server.dir;
  await server.stop();
  server = await startServer({ dir, daysAhead });
}

/// A new browser context logged in as a printed demo user.
export async function loggedIn(user, width = 1440) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const u = server.users[user];
  assert.ok(u, `demo user ${user} printed`);
  await page.goto(`${server.base}/login`);
  await page.fill('#user', u.name);
  await page.fill('#password', u.password);
  await Promise.all([page.waitForURL(`${server.base}/`), page.click('button[type=submit]')]);
  return { context, page };
}

export async function noSeriousViolations(page, name) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`), [], `${name}: axe`);
}

/// Opens the case page's form of `action` (a catalogue row), lets `fill` type
/// into it and posts it; returns when the answer (the case page, or the form
/// with its refusal) has loaded.
export async function postForm(page, action, fill = async () => {}) {
  const form = page.locator(`details[data-action="${action}"]`);
  if ((await form.getAttribute('open')) === null) await form.locator('summary').click();
  await fill(form);
  await Promise.all([page.waitForLoadState('load'), form.locator('button[type=submit]').click()]);
  await page.waitForSelector('h1');
}
