#!/usr/bin/env node
// Which Tasklist filters a user sees, in a real browser (Debian's Chromium driven by playwright-core; no browser is
// ever downloaded): log in, read the names of the filters in Tasklist's filter list, check that every
// --expect-filter is there and no --forbid-filter is, and, with --open-filter and --expect-request, open that
// filter, wait for Tasklist to load its tasks, and wait for the card of task --expect-task (its name) whose Request
// (filter variable requestId) is the given request id. Screenshots are named filters-<user>-NN-step.png.
//
// Usage: node tasklist-filters.mjs --base-url http://localhost:8080 --user supervisor --password supervisor \
//          --expect-filter 'Deadlines at risk' --expect-filter 'Overdue cases' [--forbid-filter NAME] \
//          [--open-filter 'Overdue cases' --expect-request PUB-004 --expect-task 'Clinical review'] \
//          [--screenshots DIR] [--timeout-ms 120000]
// CHROMIUM_PATH (default /usr/bin/chromium). Exit code 0 when every check holds, 1 on any failure, 2 on bad
// usage, 3 on the overall timeout.

import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  Failure, logger, waitFor, escapeRegExp, checkRunOptions, openBrowser, logIn, runMain,
} from './tasklist-common.mjs';

const log = logger('tasklist-filters');

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        'base-url': { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        'expect-filter': { type: 'string', multiple: true },
        'forbid-filter': { type: 'string', multiple: true },
        'open-filter': { type: 'string' },
        'expect-request': { type: 'string' },
        'expect-task': { type: 'string' },
        screenshots: { type: 'string' },
        'timeout-ms': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`[tasklist-filters] ${e.message}`);
    process.exit(2);
  }
  const o = {
    baseUrl: (parsed['base-url'] ?? 'http://localhost:8080').replace(/\/+$/, ''),
    user: parsed.user,
    password: parsed.password ?? parsed.user,
    expect: parsed['expect-filter'] ?? [],
    forbid: parsed['forbid-filter'] ?? [],
    openFilter: parsed['open-filter'],
    // runMain logs the request id; "(none)" when no filter is to be opened
    requestId: parsed['expect-request'] ?? '(none)',
    taskName: parsed['expect-task'],
    screenshots: path.resolve(parsed.screenshots ?? 'screenshots'),
    timeoutMs: Number(parsed['timeout-ms'] ?? 120000),
    chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  };
  if (!o.user || (!o.expect.length && !o.forbid.length) || [parsed['expect-request'], o.taskName].some((v) => Boolean(v) !== Boolean(o.openFilter))) {
    console.error('[tasklist-filters] --user, an --expect-filter or --forbid-filter, and --open-filter'
      + ' together with --expect-request and --expect-task are required');
    process.exit(2);
  }
  checkRunOptions('tasklist-filters', o);
  return o;
}

async function run(o, state) {
  const { page, screenshot } = await openBrowser('tasklist-filters', o, state, log,
    { height: 1000, prefix: `filters-${o.user}-` });
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  // the task lists Tasklist has received (POST .../filter/{id}/list), in order
  const lists = [];
  page.on('response', (r) => {
    if (r.request().method() === 'POST' && /\/filter\/[^/]+\/list/.test(r.url())) {
      lists.push(r.url());
    }
  });

  // 1. Log in; the filter list has loaded once "My review tasks" shows.
  await logIn(page, o, log);
  // a filter's heading may end with its task count ("My review tasks 1")
  const names = (await page.locator('.task-filter h4.name').allInnerTexts())
    .map((n) => n.replace(/\s+/g, ' ').trim().replace(/ \d+$/, ''));
  log(`filters: ${names.join(', ')}`);
  await screenshot('filters');

  // 2. The filters the user must and must not see.
  const problems = [];
  for (const name of o.expect) {
    if (!names.includes(name)) {
      problems.push(`the filter "${name}" is not listed`);
    }
  }
  for (const name of o.forbid) {
    if (names.includes(name)) {
      problems.push(`the filter "${name}" is listed`);
    }
  }
  if (problems.length) {
    throw new Failure(`${problems.join('; ')} (the list shows: ${names.join(', ')})`);
  }

  // 3. Optionally, a filter opened and the card of a request in it.
  if (o.openFilter) {
    const filter = page.locator('.task-filter').filter({ has: page.locator('h4.name', { hasText: o.openFilter }) });
    const listsBefore = lists.length;
    await filter.first().locator('h4.name a').click();
    await waitFor(page, `the filter "${o.openFilter}" to be selected`,
      async () => (await filter.first().getAttribute('class'))?.split(/\s+/).includes('active'));
    await waitFor(page, `the tasks of "${o.openFilter}"`, () => lists.length > listsBefore);
    log(`tasks loaded from ${lists[lists.length - 1]}`);
    const card = page.locator('ol.tasks-list > li.task')
      .filter({ has: page.locator('h4.task', { hasText: new RegExp(`^\\s*${escapeRegExp(o.taskName)}\\s*$`) }) })
      .filter({
        has: page.locator('.variable-value', { hasText: new RegExp(`^\\s*${escapeRegExp(o.requestId)}\\s*$`) }),
      });
    await waitFor(page, `the card "${o.taskName}" of request ${o.requestId} in "${o.openFilter}"`,
      () => card.first().isVisible())
      .catch(async (e) => {
        const shown = await page.locator('ol.tasks-list h4.task, ol.tasks-list .variable-value').allInnerTexts()
          .catch(() => []);
        throw new Failure(`${e.message}; the list shows: ${shown.join(', ') || 'no task'}`);
      });
    await screenshot('open-filter');
    log(`"${o.openFilter}" shows "${o.taskName}" of request ${o.requestId}`);
  }
  log('the filters are as expected');
}

runMain('tasklist-filters', options(), run);
