// Work lists (issue 15 item 3): each demo role's start page shows its tasks,
// each task a link to a page answering 200 with as many rows as it counts;
// roles without case work get no links that would answer 403. Axe on the
// start page and the case list; screenshots work-start-<role>.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useBrowser, loggedIn, noSeriousViolations, server, browser, shots } from './browser.mjs';

useBrowser();

/// The rows the page a task links to shows.
async function rowsAt(page, href) {
  // From another document: `/inbox` to `/inbox#returned` would only scroll.
  await page.goto('about:blank');
  const resp = await page.goto(`${server.base}${href}`);
  assert.equal(resp.status(), 200, `${href} answers 200`);
  if (href.startsWith('/cases')) {
    return Number(await page.locator('p.total').getAttribute('data-total'));
  }
  const table = href.startsWith('/inbox#returned') ? 'table.returned'
    : href.startsWith('/inbox') ? 'table.inbox' : 'table.detention';
  if (await page.locator(table).count() === 0) { return 0; }
  return Number(await page.locator(table).getAttribute('data-rows'));
}

// Roles whose demo start state must hold work.
const WORKING = ['mv.case-officer', 'mv.detention-staff', 'mv.operations-lead',
  'polis.case-officer', 'polis.operations-lead', 'nte.trip-planner', 'nte.operations-lead'];
// Roles with no case work: no task, and every link answers (no 403).
const NO_WORK = ['mv.auditor', 'polis.legal-officer'];

test('each working role starts with tasks that lead to as many rows', async () => {
  for (const user of WORKING) {
    const { context, page } = await loggedIn(user);
    await page.waitForSelector('#h-tasks');
    const open = page.locator('li.task.open');
    const n = await open.count();
    assert.ok(n > 0, `${user} has work in the demo's start state`);
    await page.screenshot({ path: join(shots, `work-start-${user}.png`), fullPage: true });
    const tasks = [];
    for (let i = 0; i < n; i += 1) {
      const li = open.nth(i);
      tasks.push({ kind: await li.getAttribute('data-task'), count: Number(await li.getAttribute('data-count')), href: await li.locator('a').getAttribute('href') });
    }
    for (const t of tasks) {
      assert.equal(await rowsAt(page, t.href), t.count, `${user}: ${t.kind} counts the rows of ${t.href}`);
    }
    await context.close();
  }
});

test('roles without case work see no tasks and no link that answers 403', async () => {
  for (const user of NO_WORK) {
    const { context, page } = await loggedIn(user);
    await page.waitForSelector('#h-tasks');
    assert.equal(await page.locator('li.task.open').count(), 0, `${user} has no open tasks`);
    await page.screenshot({ path: join(shots, `work-start-${user}.png`), fullPage: true });
    const hrefs = await page.locator('main a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of [...new Set(hrefs)].filter((h) => !h.startsWith('/lang') && !h.startsWith('/logout'))) {
      const resp = await page.request.get(`${server.base}${href}`);
      assert.notEqual(resp.status(), 403, `${user}: ${href} is offered and refused`);
    }
    await context.close();
  }
});

test('the start page and the sortable case list pass axe; the list pages both ways', async () => {
  const { context, page } = await loggedIn('mv.case-officer');
  await noSeriousViolations(page, 'start page');
  await page.goto(`${server.base}/cases?sort=destination&dir=desc`);
  await noSeriousViolations(page, 'case list');
  const total = Number(await page.locator('p.total').getAttribute('data-total'));
  assert.ok(total > 50, 'more than one page');
  assert.equal(await page.locator('a[rel=prev]').count(), 0);
  await Promise.all([page.waitForLoadState('load'), page.click('a[rel=next]')]);
  assert.match(page.url(), /page=2/);
  assert.equal(await page.locator('a[rel=prev]').count(), 1);
  await page.screenshot({ path: join(shots, 'work-cases-page2.png'), fullPage: true });
  // Search by name (MV case officers read identity): the first row's name finds its case.
  const name = (await page.locator('table.cases tbody tr td:nth-child(2)').first().innerText()).split(',')[0].trim();
  await page.goto(`${server.base}/cases?q=${encodeURIComponent(name)}`);
  assert.ok(Number(await page.locator('p.total').getAttribute('data-total')) >= 1, `a search for ${name} finds it`);
  await context.close();
});

test('a reader who may not search by name is told so in Swedish, naming the field', async () => {
  const { context, page } = await loggedIn('tillsyn.case-officer');
  const resp = await page.goto(`${server.base}/cases?q=Andersson`);
  assert.equal(resp.status(), 403);
  assert.match(await page.locator('p.error[data-field=q]').innerText(), /Fältet Sök: du får inte söka på namn/);
  assert.equal(await page.inputValue('#f-q'), 'Andersson');
  await noSeriousViolations(page, 'refused search');
  await context.close();
});
