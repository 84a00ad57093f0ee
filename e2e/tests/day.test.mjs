// One case's whole chain through the three agencies, on the pages only (no API
// call, no typed URL but the start page and the case's own address): the
// Migrationsverket case officer registers and records finality, the operations
// lead confirms it, the case officer detains; the person absconds and is handed
// to the police, who accept, locate, document and request transport; NTE
// accepts, assesses fitness, plans the case on a trip, approves through the
// confirmation step, prints the manifest and records the enforcement.
// Screenshots of each agency's page at its step are in e2e/screenshots/day-*.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useBrowser, loggedIn, noSeriousViolations, postForm, restartServer, server, shots } from './browser.mjs';

// A small population: the proposal is quick and the new case is among few.
useBrowser({ cases: 300 });

const day = (n) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/// Opens the action's form on the case page, fills it and sends it; the page
/// that comes back must say the event was recorded.
async function act(page, action, fill = async () => {}) {
  const form = page.locator(`details[data-action="${action}"]`);
  assert.equal(await form.count(), 1, `${action}: offered on the case page`);
  await postForm(page, action, fill);
  const refusal = page.locator(`details[data-action="${action}"] .refusal`);
  if (await refusal.count()) assert.fail(`${action} refused: ${await refusal.innerText()}`);
  assert.equal(await page.locator(`[data-recorded="${action}"]`).count(), 1, `${action}: recorded`);
}

/// The case page reached from the case list's search, as an officer does it.
async function openCase(page, id) {
  await page.goto(`${server.base}/`);
  await page.goto(`${server.base}/cases?q=${encodeURIComponent(id)}`);
  await Promise.all([page.waitForURL(new RegExp(`/cases/${id}$`)), page.click(`a[href="/cases/${id}"]`)]);
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `day-${name}.png`), fullPage: true });
}

test('one case through all three agencies on the pages: register to enforcement', async () => {
  const mv = await loggedIn('mv.case-officer', 1280);
  const p = mv.page;
  await shot(p, 'mv-start');

  // Migrationsverket: register.
  await Promise.all([p.waitForURL(/\/cases$/), p.click('nav a[href="/cases"]')]);
  await Promise.all([p.waitForURL(/\/cases\/new$/), p.click('a[href="/cases/new"]')]);
  const reg = p.locator('details[data-action="registered"]');
  await reg.locator('[name="f.person.id"]').fill('P-DAY-1');
  await reg.locator('[name="f.person.given_name"]').fill('Dagperson');
  await reg.locator('[name="f.person.family_name"]').fill('Syntetisk');
  await reg.locator('[name="f.person.birth_date"]').fill('1988-02-03');
  await reg.locator('[name="f.person.sex"]').selectOption('M');
  await reg.locator('[name="f.person.citizenship"]').fill('IQ');
  await reg.locator('[name="f.person.dossier_number"]').fill('9-765432');
  await reg.locator('[name="f.decision.kind"]').selectOption('refusal_of_entry');
  await reg.locator('[name="f.decision.decided_by"]').selectOption('migrationsverket');
  await reg.locator('[name="f.decision.decided_on"]').fill(day(-60));
  await reg.locator('[name="f.decision.notified_on"]').fill(day(-60));
  await reg.locator('[name="f.destination"]').fill('IQ');
  await Promise.all([p.waitForURL(/\/cases\/UT-\d{4}-\d{6}\?recorded=registered/), reg.locator('button[type=submit]').click()]);
  const id = new URL(p.url()).pathname.split('/').pop();

  await act(p, 'decision_final', (f) => f.locator('[name="f.final_on"]').fill(day(-30)));

  // A second person confirms the date of finality against the decision.
  const lead = await loggedIn('mv.operations-lead', 1280);
  await openCase(lead.page, id);
  await act(lead.page, 'finality_confirmed', (f) => f.locator('[name="f.final_on"]').fill(day(-30)));
  await lead.context.close();

  await openCase(p, id);
  await act(p, 'detention_started', async (f) => {
    await f.locator('[name="f.facility"]').fill('F-FLEN');
    await f.locator('[name="f.basis"]').selectOption('enforcement');
  });
  assert.equal(await p.locator('.card.limit [data-days-left]').count(), 1, 'the limit counts down');
  await act(p, 'absconded', (f) => f.locator('[name="f.on"]').fill(day(0)));
  await act(p, 'handover_proposed.police', (f) => f.locator('[name="f.to.reason"]').selectOption('absconded'));
  await shot(p, 'mv-case');
  await noSeriousViolations(p, 'Migrationsverket case page');
  await mv.context.close();

  // The police: the handover waits in the inbox; accept, locate, document.
  const police = await loggedIn('polis.case-officer', 1280);
  const q = police.page;
  await shot(q, 'police-start');
  await q.goto(`${server.base}/inbox`);
  assert.ok(await q.locator(`a[href="/cases/${id}"]`).count() > 0, 'the handover is in the police inbox');
  await Promise.all([q.waitForURL(new RegExp(`/cases/${id}$`)), q.locator(`a[href="/cases/${id}"]`).first().click()]);
  await act(q, 'handover_accepted.police');
  await act(q, 'located', (f) => f.locator('[name="f.on"]').fill(day(0)));
  await act(q, 'travel_document_issued', async (f) => {
    await f.locator('[name="f.document"]').selectOption('emergency_travel_document');
    await f.locator('[name="f.valid_until"]').fill(day(180));
  });
  await act(q, 'destination_accepted', (f) => f.locator('[name="f.on"]').fill(day(0)));
  await act(q, 'handover_proposed.nte', async (f) => {
    const escorted = f.locator('[name="f.to.escorted"]');
    if ((await escorted.getAttribute('type')) === 'checkbox') await escorted.check();
    else await escorted.selectOption('true');
  });
  await shot(q, 'police-case');
  await noSeriousViolations(q, 'police case page');
  await police.context.close();

  // NTE: accept the transport request, assess fitness, plan, approve.
  const nte = await loggedIn('nte.trip-planner', 1280);
  const n = nte.page;
  await shot(n, 'nte-start');
  await n.goto(`${server.base}/inbox`);
  await Promise.all([n.waitForURL(new RegExp(`/cases/${id}$`)), n.locator(`a[href="/cases/${id}"]`).first().click()]);
  await act(n, 'handover_accepted.nte');
  await act(n, 'fitness_assessed', async (f) => {
    const fit = f.locator('[name="f.fit"]');
    if ((await fit.getAttribute('type')) === 'checkbox') await fit.check();
    else await fit.selectOption('true');
    await f.locator('[name="f.on"]').fill(day(0));
  });

  await n.goto(`${server.base}/trips`);
  await Promise.all([n.waitForURL(/\/trips\/proposals\/TP-/, { timeout: 120_000 }), n.click('form.run button[type=submit]')]);
  const row = n.locator(`details.trip-group tr[data-person="${id}"]`);
  assert.equal(await row.count(), 1, `${id} is on a proposed trip`);
  const group = row.locator('xpath=ancestor::details[contains(@class, "trip-group")]');
  const trip = await group.getAttribute('data-trip');
  await group.locator('summary').click();
  await shot(n, 'nte-proposal');
  await Promise.all([n.waitForURL(/\/confirm$/), n.click('#to-confirm')]);
  await Promise.all([n.waitForURL(/\/trips\/proposals\/TP-\d+$/), n.click('#approve')]);
  assert.equal(await n.locator('p.summary').getAttribute('data-status'), 'approved');

  // The manifest, reached from the approved proposal.
  await n.goto(`${server.base}/trips/${trip}/manifest`);
  assert.ok(await n.locator(`table.manifest-persons tbody tr`, { hasText: id }).count() === 1, 'the case is on the manifest');
  await shot(n, 'nte-manifest');
  await noSeriousViolations(n, 'manifest');

  // The departure day, from the manifest: a trip is planned from tomorrow on.
  const departure = await n.locator('dl.manifest-facts dt:text-is("Avresa") + dd').innerText();
  assert.match(departure, /^\d{4}-\d{2}-\d{2}$/);
  await nte.context.close();

  // The day of travel: the same store, its clock on the departure day; the
  // enforcement is recorded on the case page.
  const ahead = Math.round((Date.parse(departure) - Date.parse(day(0))) / 86_400_000);
  assert.ok(ahead >= 1, `the trip departs after today (${departure})`);
  await restartServer({ daysAhead: ahead });
  const after = await loggedIn('nte.trip-planner', 1280);
  const m = after.page;
  await openCase(m, id);
  await act(m, 'executed', async (f) => {
    const t = f.locator('[name="f.trip"]');
    if ((await t.inputValue()) === '') await t.fill(trip);
    await f.locator('[name="f.on"]').fill(departure);
  });
  assert.equal(await m.locator('dd[data-stage]').getAttribute('data-stage'), 'executed');
  await shot(m, 'nte-executed');
  await noSeriousViolations(m, 'executed case page');
  await after.context.close();
});
