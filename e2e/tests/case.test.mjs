// The case page through the browser only: register a case, record its
// finality and the confirmation by a second person, start detention; no
// element overflows its card at 1280 px; axe on the page and its forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useBrowser, loggedIn as logIn, noSeriousViolations, postForm, server, browser, shots } from './browser.mjs';

useBrowser();

const loggedIn = (user, w = 1280) => logIn(user, w);

/// Every visible descendant of every card lies inside the card's box, and
/// every value has at least 40 % of its list's width.
async function noOverflow(page, name) {
  const out = await page.evaluate(() => {
    const bad = [];
    for (const card of document.querySelectorAll('.case-page .card')) {
      const c = card.getBoundingClientRect();
      for (const el of card.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (r.left < c.left - 1 || r.right > c.right + 1) {
          bad.push(`${card.querySelector('h2')?.textContent}: ${el.tagName}.${el.className} ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(c.left)}–${Math.round(c.right)}`);
        }
      }
    }
    // A value squeezed beside a wide term wraps a letter per line.
    for (const dl of document.querySelectorAll('.case-page section.category dl')) {
      const w = dl.getBoundingClientRect().width;
      for (const dd of dl.querySelectorAll(':scope > dd')) {
        const share = dd.getBoundingClientRect().width / w;
        if (w > 0 && share < 0.4) {
          bad.push(`${dd.previousElementSibling?.textContent}: value ${Math.round(100 * share)}% of its list's width`);
        }
      }
    }
    return bad;
  });
  assert.deepEqual(out.slice(0, 10), [], `${name}: overflow`);
}


test('register a case, record finality and its confirmation, start detention — on the pages', async () => {
  const mv = await loggedIn('mv.case-officer');
  const p = mv.page;
  await p.goto(`${server.base}/cases/new`);
  await noSeriousViolations(p, 'register form');
  const reg = p.locator('details[data-action="registered"]');
  await reg.locator('[name="f.person.id"]').fill('P-E2E-1');
  await reg.locator('[name="f.person.given_name"]').fill('Provperson');
  await reg.locator('[name="f.person.family_name"]').fill('Syntetisk');
  await reg.locator('[name="f.person.birth_date"]').fill('1990-05-06');
  await reg.locator('[name="f.person.sex"]').selectOption('F');
  await reg.locator('[name="f.person.citizenship"]').fill('IQ');
  await reg.locator('[name="f.person.dossier_number"]').fill('9-123456');
  await reg.locator('[name="f.decision.kind"]').selectOption('refusal_of_entry');
  await reg.locator('[name="f.decision.decided_by"]').selectOption('migrationsverket');
  await reg.locator('[name="f.decision.decided_on"]').fill('2026-09-01');
  await reg.locator('[name="f.decision.notified_on"]').fill('2026-09-01');
  await reg.locator('[name="f.destination"]').fill('IQ');
  await p.screenshot({ path: join(shots, 'case-register.png'), fullPage: true });
  await Promise.all([p.waitForURL(/\/cases\/UT-\d{4}-\d{6}\?recorded=registered/), reg.locator('button[type=submit]').click()]);
  const id = new URL(p.url()).pathname.split('/').pop();
  assert.match(await p.locator('[data-recorded="registered"]').innerText(), /Registrerat/);

  await postForm(p, 'decision_final', async (f) => {
    await f.locator('[name="f.final_on"]').fill('2026-09-23');
  });
  assert.equal(await p.locator('[data-recorded="decision_final"]').count(), 1);

  // The confirmation by a second person of the agency.
  const lead = await loggedIn('mv.operations-lead');
  await lead.page.goto(`${server.base}/cases/${id}`);
  const confirm = lead.page.locator('details[data-action="finality_confirmed"]');
  assert.equal(await confirm.count(), 1, 'the operations lead may confirm');
  await postForm(lead.page, 'finality_confirmed', async (f) => {
    await f.locator('[name="f.final_on"]').fill('2026-09-23');
  });
  assert.equal(await lead.page.locator('[data-recorded="finality_confirmed"]').count(), 1);

  await p.goto(`${server.base}/cases/${id}`);
  // A refused form keeps what was typed and names the field.
  await postForm(p, 'detention_started', async (f) => {
    await f.locator('[name="f.facility"]').fill('no such unit');
    await f.locator('[name="f.basis"]').selectOption('enforcement');
  });
  const refused = p.locator('details[data-action="detention_started"] .refusal');
  assert.equal(await refused.count(), 1);
  assert.equal(await p.locator('details[data-action="detention_started"] [name="f.facility"]').inputValue(), 'no such unit');
  await noSeriousViolations(p, 'refused form');
  await p.screenshot({ path: join(shots, 'case-refused.png'), fullPage: true });

  // A detention unit of the synthetic demo (crates/synth/src/facilities.rs).
  const facility = 'F-FLEN';
  await postForm(p, 'detention_started', async (f) => {
    await f.locator('[name="f.facility"]').fill(facility);
    await f.locator('[name="f.basis"]').selectOption('enforcement');
  });
  assert.equal(await p.locator('[data-recorded="detention_started"]').count(), 1);
  assert.equal(await p.locator('.card.limit [data-days-left]').count(), 1, 'the limit counts down');

  for (const width of [1280, 1440, 1920]) {
    await p.setViewportSize({ width, height: 900 });
    await noOverflow(p, `case page at ${width}`);
    await p.screenshot({ path: join(shots, `case-page-${width}.png`), fullPage: true });
  }
  await p.setViewportSize({ width: 1280, height: 900 });
  for (const d of await p.locator('details.action-form').all()) await d.locator('summary').click();
  await noOverflow(p, 'case page with every form open');
  await noSeriousViolations(p, 'case page and its forms');
  await p.screenshot({ path: join(shots, 'case-forms.png'), fullPage: true });
  await mv.context.close();
  await lead.context.close();
});
