#!/usr/bin/env node
// A clinical reviewer denies one prior-authorization case in Camunda Tasklist, in a real browser (Debian's
// Chromium driven by playwright-core; no browser is ever downloaded).
//
// Steps: log in, open the filter "My review tasks", open the task whose Request shows the given requestId (on
// the task card; else through Tasklist's own variable search), claim it, check that the Camunda Form shows the
// failed criterion PREFERRED_PRODUCTS (and every --expect-text, e.g. the name of an entry the rules could not
// classify, as the criterion's detail names it), choose "Deny (adverse determination)", type the reason, tick
// PREFERRED_PRODUCTS under "Criteria the denial rests on" when the form has that group, click "Complete" and
// wait until Tasklist has taken the task off the list without an error.
//
// Usage: node tasklist-review.mjs --base-url http://localhost:8080 --request-id PUB-004 \
//          [--user pharmacist] [--password pharmacist] [--reason "..."] [--screenshots DIR] [--timeout-ms 120000]
//          [--expect-text TEXT ...]
// Each option may also come from the environment: TASKLIST_BASE_URL, REQUEST_ID, TASKLIST_USER,
// TASKLIST_PASSWORD, REASON, SCREENSHOT_DIR, TIMEOUT_MS; CHROMIUM_PATH (default /usr/bin/chromium).
// Exit code 0 when the task was completed, 1 on any failure, 2 on bad usage, 3 on the overall timeout.

import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  FILTER_NAME, REASON_LABEL, Failure, logger, failOnErrorBanner, waitFor, waitForOptional, checkRunOptions,
  openBrowser, logIn, openFilter, findRequestTask, openAndClaim, runMain,
} from './tasklist-common.mjs';

const FAILED_CRITERION = 'PREFERRED_PRODUCTS';
const DENY_LABEL = 'Deny (adverse determination)';
const CRITERIA_GROUP_LABEL = 'Criteria the denial rests on';

const log = logger('tasklist-review');

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        'base-url': { type: 'string' },
        'request-id': { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        reason: { type: 'string' },
        screenshots: { type: 'string' },
        'timeout-ms': { type: 'string' },
        'expect-text': { type: 'string', multiple: true },
      },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`[tasklist-review] ${e.message}`);
    process.exit(2);
  }
  const env = process.env;
  const o = {
    baseUrl: (parsed['base-url'] ?? env.TASKLIST_BASE_URL ?? 'http://localhost:8080').replace(/\/+$/, ''),
    requestId: parsed['request-id'] ?? env.REQUEST_ID,
    user: parsed.user ?? env.TASKLIST_USER ?? 'pharmacist',
    password: parsed.password ?? env.TASKLIST_PASSWORD ?? 'pharmacist',
    reason: parsed.reason ?? env.REASON
      ?? 'Denied: policy 5.70.050 requires an inadequate response to two preferred products under the Standard Option; one was tried.',
    screenshots: path.resolve(parsed.screenshots ?? env.SCREENSHOT_DIR ?? 'screenshots'),
    timeoutMs: Number(parsed['timeout-ms'] ?? env.TIMEOUT_MS ?? 120000),
    chromium: env.CHROMIUM_PATH || '/usr/bin/chromium',
    expectTexts: parsed['expect-text'] ?? [],
  };
  if (!o.requestId) {
    console.error('[tasklist-review] a request id is required: --request-id ID or REQUEST_ID');
    process.exit(2);
  }
  checkRunOptions('tasklist-review', o);
  return o;
}

async function run(o, state) {
  const { page, screenshot } = await openBrowser('tasklist-review', o, state, log, { height: 1000 });
  page.on('pageerror', (e) => log(`page error: ${e.message}`));

  // 1. Log in.
  const filter = await logIn(page, o, log);
  // Tasklist opens its first filter by itself; let its list load before the picture (not required).
  await waitForOptional(() => page.locator('[cam-tasks] > div[ng-if]').first().isVisible(), 10000);
  await screenshot('logged-in');

  // 2. Open the filter "My review tasks".
  await openFilter(page, filter);
  await waitFor(page, 'the task list', () => page.locator('[cam-tasks] > div[ng-if]').first().isVisible());
  log(`filter "${FILTER_NAME}" open`);

  // 3. Find the task whose Request (filter variable requestId, shown on the card) is the request id.
  const card = await findRequestTask(page, o, log);
  const cards = await card.count();
  if (cards !== 1) {
    throw new Failure(`expected one task of request ${o.requestId} in "${FILTER_NAME}", found ${cards}`);
  }
  log(`found the task of request ${o.requestId}`);

  // 4. Open and claim it (unless it is already this user's).
  const details = await openAndClaim(page, card, o, log);

  // 5. The Camunda Form must render and show the failed criterion.
  const form = details.locator('.fjs-container form.fjs-form');
  const reason = form.getByRole('textbox', { name: REASON_LABEL, exact: true });
  await waitFor(page, 'the Camunda Form', () => reason.isVisible());
  // What the form shows: its text and the values of its fields, but not the labels of checkboxes (a checkbox
  // PREFERRED_PRODUCTS offered as a choice does not show that the criterion failed).
  const formText = await form.evaluate((f) => {
    const isChoice = (node) => node.parentElement?.closest('label:has(input[type=checkbox]), .fjs-form-field-checklist');
    const texts = [];
    const walker = document.createTreeWalker(f, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.textContent.trim() && !isChoice(n) && n.parentElement.checkVisibility()) {
        texts.push(n.textContent.trim());
      }
    }
    const values = Array.from(f.querySelectorAll('input:not([type=radio]):not([type=checkbox]), textarea'), (e) => e.value);
    return [...texts, ...values].join('\n');
  });
  if (!formText.includes(FAILED_CRITERION)) {
    await screenshot('form-without-criterion');
    throw new Failure(`the form does not show the failed criterion ${FAILED_CRITERION}; it shows:\n${formText}`);
  }
  log(`the form shows the failed criterion ${FAILED_CRITERION}`);
  for (const expected of o.expectTexts) {
    if (!formText.includes(expected)) {
      await screenshot('form-without-expected-text');
      throw new Failure(`the form does not show "${expected}"; it shows:\n${formText}`);
    }
    log(`the form shows "${expected}"`);
  }
  await screenshot('form-opened');

  // 6. Deny with a reason (and the criterion, where the form asks for it).
  await form.getByRole('radio', { name: DENY_LABEL, exact: true }).check();
  log(`chose "${DENY_LABEL}"`);
  await reason.fill(o.reason);
  log(`typed the reason: ${o.reason}`);
  const group = form.locator('.fjs-form-field').filter({
    has: page.locator(':scope > .fjs-form-field-label, :scope > legend, :scope > fieldset > legend', { hasText: CRITERIA_GROUP_LABEL }),
  });
  if (await group.count()) {
    const box = group.first().getByRole('checkbox', { name: FAILED_CRITERION, exact: true });
    if (!(await box.count())) {
      throw new Failure(`the group "${CRITERIA_GROUP_LABEL}" has no checkbox ${FAILED_CRITERION}`);
    }
    await box.check();
    log(`ticked ${FAILED_CRITERION} under "${CRITERIA_GROUP_LABEL}"`);
  } else {
    log(`the form has no group "${CRITERIA_GROUP_LABEL}" (nothing to tick)`);
  }
  const complete = details.getByRole('button', { name: 'Complete', exact: true });
  await complete.scrollIntoViewIfNeeded();
  await screenshot('form-filled');

  // 7. Complete, and wait until Tasklist takes the task off the list without an error.
  await waitFor(page, 'the Complete button to be enabled', () => complete.isEnabled());
  await complete.click();
  log('clicked Complete');
  await waitFor(page, `request ${o.requestId} to leave the task list`, async () => {
    const invalid = await form.locator('.fjs-form-field-error:visible, .fjs-has-errors').allInnerTexts().catch(() => []);
    if (invalid.some((t) => t.trim())) {
      throw new Failure(`the form refused the input: ${invalid.join(' | ')}`);
    }
    return (await card.count()) === 0 && !(await form.isVisible());
  }, 30000);
  await page.waitForTimeout(500);
  await failOnErrorBanner(page, 'after Complete');
  log(`task of request ${o.requestId} completed; it is no longer in "${FILTER_NAME}"`);
  await screenshot('completed');
}

runMain('tasklist-review', options(), run);
