// Trips people can work with, in a real browser: the NTE trip planner
// proposes, opens a trip, leaves one person out with a reason, confirms,
// approves, and opens and prints the manifest. axe on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useBrowser, loggedIn, noSeriousViolations, server, browser, shots } from './browser.mjs';

useBrowser();

test('the NTE trip planner works a proposal trip by trip and prints a manifest', async () => {
  const s = await loggedIn('nte.trip-planner');
  const { page } = s;
  await page.goto(`${server.base}/trips`);
  await page.fill('#limit', '5');
  await Promise.all([page.waitForURL(/\/trips\/proposals\/TP-/, { timeout: 60_000 }), page.click('form.run button[type=submit]')]);
  assert.equal(await page.locator('p.summary').getAttribute('data-status'), 'pending');
  // Grouped by trip: one collapsed section per trip, its count as the rows.
  const groups = page.locator('details.trip-group');
  assert.ok(await groups.count() > 0, 'the proposal has trips');
  const first = groups.first();
  assert.equal(await first.getAttribute('open'), null, 'collapsed at first');
  await first.locator('summary').click();
  assert.ok(await first.locator('table.trip-persons').isVisible(), 'the trip opens');
  const n = Number(await first.getAttribute('data-persons'));
  assert.equal(await first.locator('tbody tr[data-person]').count(), n);
  assert.ok(n > 0, 'the trip carries persons');
  // Left-out persons grouped by reason, each with a count.
  const reasons = page.locator('details.reason-group');
  assert.ok(await reasons.count() > 0, 'someone is left out, grouped by reason');
  await page.screenshot({ path: join(shots, 'trips-proposal.png'), fullPage: false });
  await noSeriousViolations(page, 'trip proposal');

  // Leave one person out: without a reason the form comes back naming the field.
  const leave = await first.locator('tbody tr[data-person]').first().getAttribute('data-person');
  await page.check(`#lo-${leave}`);
  await Promise.all([page.waitForLoadState('load'), page.click('#adjust')]);
  assert.equal(await page.locator('#adjust-error').getAttribute('data-field'), 'reason');
  assert.ok(await page.locator(`#lo-${leave}`).isChecked(), 'the choice is kept');
  await noSeriousViolations(page, 'adjust refused');
  await page.fill('#adjust-reason', 'Akut sjukhusvistelse, ny bedömning väntas');
  await Promise.all([page.waitForURL(/\/trips\/proposals\/TP-/, { timeout: 60_000 }), page.click('#adjust')]);
  const leftOut = page.locator('details.reason-group[data-reason="left_out"]');
  assert.ok(await leftOut.count() === 1, 'a group of those left out by hand');
  await leftOut.locator('summary').click();
  assert.match(await leftOut.innerText(), /Akut sjukhusvistelse/);
  assert.equal(await page.locator(`details.trip-group tr[data-person="${leave}"]`).count(), 0, 'not on any trip');

  // Approve through the confirmation step.
  await Promise.all([page.waitForURL(/\/confirm$/), page.click('#to-confirm')]);
  const planned = Number(await page.locator('tr[data-count="planned"] td').innerText());
  assert.ok(planned > 0, 'persons planned');
  await noSeriousViolations(page, 'confirm approval');
  await Promise.all([page.waitForURL(/\/trips\/proposals\/TP-\d+$/), page.click('#approve')]);
  assert.equal(await page.locator('p.summary').getAttribute('data-status'), 'approved');

  // The manifest of the first trip.
  const trip = await page.locator('details.trip-group').first().getAttribute('data-trip');
  await page.goto(`${server.base}/trips/${trip}/manifest`);
  assert.match(await page.locator('h1').innerText(), new RegExp(`Passagerarförteckning ${trip}`));
  assert.ok(await page.locator('table.manifest-persons tbody tr').count() > 0, 'persons on the manifest');
  await page.screenshot({ path: join(shots, 'trips-manifest.png'), fullPage: true });
  await noSeriousViolations(page, 'manifest');
  // Printed: the print style hides the navigation.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.top').isVisible(), false, 'no navigation in print');
  const printed = await page.pdf({ format: 'A4' });
  assert.equal(printed.subarray(0, 4).toString(), '%PDF');
  await page.emulateMedia({ media: 'screen' });
  // And the server's own PDF.
  const pdf = await page.request.get(`${server.base}/trips/${trip}/manifest.pdf`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  const bytes = await pdf.body();
  assert.equal(bytes.subarray(0, 4).toString(), '%PDF');
  assert.ok(bytes.toString('latin1').includes(trip), 'the PDF names the trip');
  await s.context.close();
});
