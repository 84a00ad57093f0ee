// The administration pages in a real browser: the legal officer's two-person
// change of the sharing matrix through the pages only (legal officer A drafts
// a change, tries it and proposes it; legal officer B of the same agency
// approves it; the change is in force), the audit trail and the users page;
// axe on each page, screenshots e2e/screenshots/admin-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useBrowser, loggedIn, noSeriousViolations, server, browser, shots } from './browser.mjs';

useBrowser({ cases: 300 });

test('two legal officers of one agency change the sharing matrix through the pages', async () => {
  const a = await loggedIn('mv.legal-officer');
  const b = await loggedIn('mv.legal-officer-2');
  await a.page.goto(`${server.base}/admin/matrix`);
  const version = await a.page.locator('table.matrix-grid caption').innerText();
  await noSeriousViolations(a.page, 'matrix');
  await a.page.screenshot({ path: join(shots, 'admin-matrix.png') });
  // A unticks one cell of the family category.
  const box = a.page.locator('tbody[data-category="family"] input[type=checkbox]:checked').first();
  const cell = await box.getAttribute('value');
  await box.uncheck();
  await Promise.all([a.page.waitForLoadState('load'), a.page.click('button[data-action=try]')]);
  const lines = a.page.locator('ul.matrix-diff li');
  assert.equal(await lines.count(), 1, 'one cell, one line');
  assert.equal(await lines.first().getAttribute('data-change'), 'lost');
  assert.match(await lines.first().innerText(), /förlorar Familj/);
  assert.equal(await a.page.locator(`input[value="${cell}"]`).isChecked(), false, 'the draft is kept');
  await noSeriousViolations(a.page, 'matrix draft diff');
  await a.page.screenshot({ path: join(shots, 'admin-matrix-diff.png') });
  await a.page.fill('#comment', 'Prov: familjeuppgifter behövs inte här');
  await Promise.all([a.page.waitForURL(/done=proposed/), a.page.click('button[data-action=propose]')]);
  const own = a.page.locator('article.change [data-own-change]');
  assert.equal(await own.count(), 1, 'the proposer is told a second legal officer must approve');
  assert.equal(await a.page.locator('article.change button[data-action=approve]').count(), 0);
  assert.equal(await a.page.locator('table.matrix-grid caption').innerText(), version, 'not in force yet');
  await noSeriousViolations(a.page, 'matrix with a pending change');
  await a.page.screenshot({ path: join(shots, 'admin-matrix-pending.png') });

  // B approves it.
  await b.page.goto(`${server.base}/admin/matrix`);
  const change = b.page.locator('article.change').first();
  assert.equal(await change.locator('ul.matrix-diff li').count(), 1);
  await Promise.all([b.page.waitForURL(/done=approved/), change.locator('button[data-action=approve]').click()]);
  assert.notEqual(await b.page.locator('table.matrix-grid caption').innerText(), version, 'a new version');
  assert.equal(await b.page.locator(`input[value="${cell}"]`).isChecked(), false, 'the change is in force');
  assert.equal(await b.page.locator('article.change').count(), 0, 'nothing pending');
  await b.page.screenshot({ path: join(shots, 'admin-matrix-approved.png') });
  await a.context.close();
  await b.context.close();
});

test('the audit trail shows the chain verified and is itself audited', async () => {
  const s = await loggedIn('tillsyn.auditor');
  await s.page.goto(`${server.base}/admin/audit?user=mv.legal-officer`);
  assert.equal(await s.page.locator('[data-chain="verified"]').count(), 1, 'the chain verifies');
  assert.ok(await s.page.locator('table.audit tbody tr').count() > 0, 'the legal officer\'s records');
  await noSeriousViolations(s.page, 'audit');
  await s.page.screenshot({ path: join(shots, 'admin-audit.png') });
  await s.page.goto(`${server.base}/admin/audit?user=tillsyn.auditor`);
  assert.ok(await s.page.locator('table.audit td[data-action="audit_read"]').count() >= 1, 'the read is on record');
  // A case officer has no audit page (deny by default, naming the row).
  const co = await loggedIn('mv.case-officer');
  const resp = await co.page.goto(`${server.base}/admin/audit`);
  assert.equal(resp.status(), 403);
  assert.match(await co.page.locator('main').innerText(), /audit\.read/);
  await s.context.close();
  await co.context.close();
});

test('the users page: own agency only, a refused form names the rule and keeps what was typed', async () => {
  const s = await loggedIn('mv.legal-officer');
  await s.page.goto(`${server.base}/admin/users`);
  assert.ok(await s.page.locator('tr[data-user="mv.case-officer"]').count() === 1);
  assert.equal(await s.page.locator('tr[data-user="polis.case-officer"]').count(), 0);
  await noSeriousViolations(s.page, 'users');
  await s.page.screenshot({ path: join(shots, 'admin-users.png'), fullPage: true });
  await s.page.fill('#n-user', 'mv.legal-officer');
  await s.page.fill('#n-name', 'Mig själv');
  await Promise.all([s.page.waitForLoadState('load'), s.page.click('button[data-action=create]')]);
  assert.match(await s.page.locator('#users-error').innerText(), /regel: inte sig själv/);
  assert.equal(await s.page.inputValue('#n-name'), 'Mig själv');
  await noSeriousViolations(s.page, 'users refused');
  await s.context.close();
});
