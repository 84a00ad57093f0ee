// The pages in a real browser: Debian's chromium driven by playwright-core
// (no browser download), accessibility checked by axe on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useBrowser, loggedIn, noSeriousViolations, server, browser, shots } from './browser.mjs';

useBrowser();

/// A detained person's case id, from the detention board.
async function detainedCase(page) {
  await page.goto(`${server.base}/detention`);
  const id = await page.locator('table.detention tbody tr').first().getAttribute('data-case');
  assert.ok(id, 'the demo has a detained person');
  return id;
}

test('each agency logs in and sees exactly what it may', async () => {
  const mv = await loggedIn('mv.detention-staff');
  const police = await loggedIn('polis.case-officer');
  const nte = await loggedIn('nte.trip-planner');
  for (const [who, s] of [['mv', mv], ['police', police], ['nte', nte]]) {
    await s.page.waitForSelector('h1');
    assert.equal(await s.page.locator('html').getAttribute('lang'), 'sv');
    assert.ok(await s.page.locator('#h-stages').isVisible(), `${who} sees the stage table`);
    assert.ok(await s.page.locator('canvas#trend').isVisible(), `${who} sees the trend chart`);
    await s.page.screenshot({ path: join(shots, `picture-${who}.png`), fullPage: true });
  }
  const id = await detainedCase(mv.page);
  await mv.page.goto(`${server.base}/cases/${id}`);
  await police.page.goto(`${server.base}/cases/${id}`);
  await nte.page.goto(`${server.base}/cases/${id}`);
  const health = (p) => p.locator('section[data-category="health"]');
  assert.equal(await health(mv.page).locator('[data-withheld]').count(), 0, 'MV detention staff see health');
  assert.match(await health(mv.page).innerText(), /Lagstöd/);
  assert.equal(await health(police.page).locator('[data-withheld]').count(), 1, 'the police lack health');
  assert.match(await health(police.page).innerText(), /Sekretess/);
  await mv.page.screenshot({ path: join(shots, 'case-mv-detention.png'), fullPage: true });
  await police.page.screenshot({ path: join(shots, 'case-police.png'), fullPage: true });
  await nte.page.screenshot({ path: join(shots, 'case-nte.png'), fullPage: true });
  // An agency's auditor has no case pages (deny by default).
  const auditor = await loggedIn('mv.auditor');
  const resp = await auditor.page.goto(`${server.base}/cases`);
  assert.equal(resp.status(), 403);
  for (const s of [mv, police, nte, auditor]) { await s.context.close(); }
});

test('an MV officer hands a case over and the police inbox shows it live', async () => {
  const police = await loggedIn('polis.case-officer');
  await police.page.goto(`${server.base}/inbox`);
  await police.page.waitForSelector('#live-status[data-connected="true"]', { state: 'attached', timeout: 10_000 });
  const mv = await loggedIn('mv.case-officer');
  await mv.page.goto(`${server.base}/cases?stage=final&responsible=migrationsverket`);
  const ids = await mv.page.locator('table.cases tbody tr td:first-child a').allInnerTexts();
  let handed = null;
  for (const id of ids.slice(0, 20)) {
    await mv.page.goto(`${server.base}/cases/${id}`);
    // The catalogue's form for the handover to the police.
    const form = mv.page.locator('details[data-action="handover_proposed.police"]');
    if (await form.count() === 0) { continue; }
    if (await form.getAttribute('open') === null) { await form.locator('summary').click(); }
    await form.locator('[name="f.to.reason"]').selectOption('coercion_needed');
    await Promise.all([mv.page.waitForLoadState('load'), form.locator('button[type=submit]').click()]);
    if (await mv.page.locator('[data-recorded="handover_proposed.police"]').count() > 0) {
      handed = id;
      break;
    }
  }
  assert.ok(handed, 'a final MV case could be handed over');
  await mv.page.screenshot({ path: join(shots, 'handover-mv.png'), fullPage: true });
  const started = Date.now();
  await police.page.waitForSelector(`tr[data-case="${handed}"]`, { timeout: 5_000 });
  const took = Date.now() - started;
  await police.page.screenshot({ path: join(shots, 'inbox-police-live.png'), fullPage: true });
  assert.ok(took < 5_000, `shown live after ${took} ms`);
  await police.context.close();
  await mv.context.close();
});

test('the language switch changes every text and is remembered', async () => {
  const s = await loggedIn('nte.operations-lead');
  assert.equal(await s.page.locator('nav a[aria-current=page]').innerText(), 'Lägesbild');
  await Promise.all([s.page.waitForLoadState('load'), s.page.click('a.lang')]);
  assert.equal(await s.page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await s.page.locator('nav a[aria-current=page]').innerText(), 'Operational picture');
  await s.page.goto(`${server.base}/cases`);
  assert.equal(await s.page.locator('h1').innerText(), 'Cases');
  await s.page.screenshot({ path: join(shots, 'cases-english.png'), fullPage: true });
  await Promise.all([s.page.waitForLoadState('load'), s.page.click('a.lang')]);
  assert.equal(await s.page.locator('h1').innerText(), 'Ärenden');
  await s.context.close();
});

test('a trip planner runs the planner, approves a charter and its cases turn planned', async () => {
  const s = await loggedIn('nte.trip-planner');
  await s.page.goto(`${server.base}/trips`);
  await s.page.fill('#limit', '5');
  await Promise.all([s.page.waitForURL(/\/trips\/proposals\/TP-/, { timeout: 60_000 }), s.page.click('form.run button[type=submit]')]);
  assert.equal(await s.page.locator('p.summary').getAttribute('data-status'), 'pending');
  const charter = s.page.locator('details.trip-group[data-kind="charter"]').first();
  assert.ok(await charter.count() > 0, 'the proposal fills a charter');
  const persons = await charter.locator('tbody tr[data-person]').evaluateAll((rows) => rows.map((r) => r.dataset.person));
  assert.ok(persons.length > 0, 'the charter carries persons');
  // Everyone left out has a reason.
  const left = s.page.locator('details.reason-group tbody tr');
  for (const row of (await left.all()).slice(0, 20)) {
    assert.ok((await row.locator('td').nth(1).textContent()).length > 10, 'an explanation');
  }
  await s.page.screenshot({ path: join(shots, 'trip-proposal.png'), fullPage: true });
  await noSeriousViolations(s.page, 'trip proposal');
  await Promise.all([s.page.waitForURL(/\/confirm$/), s.page.click('#to-confirm')]);
  await Promise.all([s.page.waitForURL(/\/trips\/proposals\/TP-\d+$/), s.page.click('#approve')]);
  assert.equal(await s.page.locator('p.summary').getAttribute('data-status'), 'approved');
  assert.match(await s.page.locator('main').innerText(), /nte\.trip-planner/);
  await s.page.screenshot({ path: join(shots, 'trip-approved.png'), fullPage: true });
  for (const id of persons.slice(0, 3)) {
    await s.page.goto(`${server.base}/cases/${id}`);
    assert.equal(await s.page.locator('dd[data-stage]').getAttribute('data-stage'), 'planned', `${id} planned`);
  }
  await s.page.screenshot({ path: join(shots, 'trip-case-planned.png'), fullPage: true });
  await s.page.goto(`${server.base}/trips`);
  await noSeriousViolations(s.page, 'trip board');
  await s.context.close();
});

test('the report and the simulation pages', async () => {
  const s = await loggedIn('nte.operations-lead');
  await s.page.goto(`${server.base}/reports`);
  await Promise.all([s.page.waitForLoadState('load'), s.page.click('form.run button[type=submit]')]);
  assert.ok(await s.page.locator('article.opc-report svg').count() > 0, 'the report has plots');
  await s.page.screenshot({ path: join(shots, 'report.png'), fullPage: true });
  await noSeriousViolations(s.page, 'report');
  await s.page.goto(`${server.base}/simulation`);
  await noSeriousViolations(s.page, 'simulation');
  await s.page.screenshot({ path: join(shots, 'simulation-form.png'), fullPage: true });
  // A case officer is refused with a page, not JSON.
  const officer = await loggedIn('polis.case-officer');
  const resp = await officer.page.goto(`${server.base}/reports`);
  assert.equal(resp.status(), 403);
  assert.match(await officer.page.locator('h1').innerText(), /403/);
  for (const c of [s, officer]) { await c.context.close(); }
});

test('axe finds no serious or critical violation on any page', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.base}/login`);
  await noSeriousViolations(page, 'login');
  await page.screenshot({ path: join(shots, 'axe-login.png') });
  await context.close();
  const s = await loggedIn('mv.detention-staff');
  const id = await detainedCase(s.page);
  for (const [name, path] of [['picture', '/'], ['cases', '/cases'], ['case', `/cases/${id}`], ['inbox', '/inbox'], ['detention', '/detention']]) {
    await s.page.goto(`${server.base}${path}`);
    await noSeriousViolations(s.page, name);
    await s.page.screenshot({ path: join(shots, `axe-${name}.png`), fullPage: true });
  }
  await s.context.close();
});
