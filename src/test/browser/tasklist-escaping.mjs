#!/usr/bin/env node
// Request data shown in Camunda Tasklist is text, never markup or a template: a reviewer opens the review task of
// a case whose free-text fields hold HTML and template payloads, in a real browser (Debian's Chromium driven by
// playwright-core; no browser is ever downloaded), and this script checks what the Camunda Form shows.
//
// Steps: log in, open the filter "My review tasks", open the task whose Request shows the given requestId (on
// the task card; else through Tasklist's own variable search), claim it, wait for the Camunda Form, then check
//   - every --expect-text appears literally in the form's text or field values (e.g. <script>…</script>, {{7*7}});
//   - no --forbid-text appears there (e.g. the evaluated template "49");
//   - window.__pwned is undefined after the page had time to load images and run handlers;
//   - no <script> element containing "__pwned" and no element with an onerror attribute exists in the page.
// The task is left claimed and open. Screenshots are named escaping-NN-step.png.
//
// Usage: node tasklist-escaping.mjs --base-url http://localhost:8080 --request-id ESC-1 \
//          --expect-text '<script>window.__pwned=1</script>' --expect-text '{{7*7}}' --forbid-text 'calc 49' \
//          [--user pharmacist] [--password pharmacist] [--screenshots DIR] [--timeout-ms 120000]
// CHROMIUM_PATH (default /usr/bin/chromium). Exit code 0 when every check holds, 1 on any failure, 2 on bad
// usage, 3 on the overall timeout.

import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  REASON_LABEL, Failure, logger, waitFor, checkRunOptions, openBrowser, logIn, openFilter, findRequestTask,
  openAndClaim, runMain,
} from './tasklist-common.mjs';

const MARKER = '__pwned';
// Form fields that show free text of the request: [label, screenshot name].
const PAYLOAD_FIELDS = [
  ['Therapy history', 'therapy-history'],
  ["Medical exception (prescriber's reason)", 'medical-exception'],
];

const log = logger('tasklist-escaping');

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        'base-url': { type: 'string' },
        'request-id': { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        'expect-text': { type: 'string', multiple: true },
        'forbid-text': { type: 'string', multiple: true },
        screenshots: { type: 'string' },
        'timeout-ms': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`[tasklist-escaping] ${e.message}`);
    process.exit(2);
  }
  const o = {
    baseUrl: (parsed['base-url'] ?? 'http://localhost:8080').replace(/\/+$/, ''),
    requestId: parsed['request-id'],
    user: parsed.user ?? 'pharmacist',
    password: parsed.password ?? 'pharmacist',
    expect: parsed['expect-text'] ?? [],
    forbid: parsed['forbid-text'] ?? [],
    screenshots: path.resolve(parsed.screenshots ?? 'screenshots'),
    timeoutMs: Number(parsed['timeout-ms'] ?? 120000),
    chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  };
  if (!o.requestId || !o.expect.length) {
    console.error('[tasklist-escaping] --request-id and at least one --expect-text are required');
    process.exit(2);
  }
  checkRunOptions('tasklist-escaping', o);
  return o;
}

/** What the page's scripts and markup did with the payloads: the marker variable, script and onerror elements. */
async function injected(page) {
  return page.evaluate((marker) => ({
    pwned: typeof window[marker] === 'undefined' ? 'undefined' : String(window[marker]),
    scripts: Array.from(document.querySelectorAll('script'))
      .filter((s) => s.textContent.includes(marker)).map((s) => s.outerHTML),
    handlers: Array.from(document.querySelectorAll('[onerror], [onload], [onclick]'))
      .filter((e) => Array.from(e.attributes).some((a) => a.value.includes(marker))).map((e) => e.outerHTML),
  }), MARKER);
}

async function run(o, state) {
  const { page, screenshot } = await openBrowser('tasklist-escaping', o, state, log, { height: 1400, prefix: 'escaping-' });
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => log(`page error: ${e.message}`));

  // 1. Log in and open the filter.
  await openFilter(page, await logIn(page, o, log));

  // 2. The task of the request (first page of the list, else Tasklist's variable search), claimed.
  const card = await findRequestTask(page, o, log);
  await screenshot('task-list');
  const details = await openAndClaim(page, card, o, log);

  // 3. The Camunda Form, given time to load images and run any handler a payload might have planted.
  const form = details.locator('.fjs-container form.fjs-form');
  await waitFor(page, 'the Camunda Form', () => form.getByRole('textbox', { name: REASON_LABEL, exact: true }).isVisible());
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(1500);
  const formText = await form.evaluate((f) => {
    const texts = [];
    const walker = document.createTreeWalker(f, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.textContent.trim()) {
        texts.push(n.textContent.trim());
      }
    }
    const values = Array.from(f.querySelectorAll('input:not([type=radio]):not([type=checkbox]), textarea'), (e) => e.value);
    return [...texts, ...values].join('\n');
  });
  const formScripts = await form.evaluate((f, marker) => Array.from(f.querySelectorAll('script, img[onerror]'))
    .filter((e) => e.outerHTML.includes(marker)).map((e) => e.outerHTML), MARKER);
  await screenshot('form');
  for (const [label, name] of PAYLOAD_FIELDS) {
    const field = form.getByRole('textbox', { name: label, exact: true });
    if (await field.count()) {
      await field.scrollIntoViewIfNeeded();
      await screenshot(name);
    }
  }

  // 4. The checks.
  const problems = [];
  for (const text of o.expect) {
    if (formText.includes(text)) {
      log(`the form shows the literal text ${JSON.stringify(text)}`);
    } else {
      problems.push(`the form does not show the literal text ${JSON.stringify(text)}`);
    }
  }
  for (const text of o.forbid) {
    if (formText.includes(text)) {
      problems.push(`the form shows ${JSON.stringify(text)} (a template or markup was evaluated)`);
    }
  }
  if (formScripts.length) {
    problems.push(`the form's DOM holds elements made from the payload: ${formScripts.join(' ')}`);
  }
  const page1 = await injected(page);
  if (page1.pwned !== 'undefined') {
    problems.push(`window.${MARKER} is ${page1.pwned}: a payload ran`);
  } else {
    log(`window.${MARKER} is undefined`);
  }
  if (page1.scripts.length || page1.handlers.length) {
    problems.push(`the page holds elements made from the payload: ${[...page1.scripts, ...page1.handlers].join(' ')}`);
  } else {
    log(`no <script> or event-handler element with ${MARKER} in the page`);
  }
  if (dialogs.length) {
    problems.push(`the page opened dialogs: ${dialogs.join(' | ')}`);
  }
  if (problems.length) {
    throw new Failure(`${problems.join('; ')}\nThe form shows:\n${formText}`);
  }
  log('every payload is shown as text');
}

runMain('tasklist-escaping', options(), run);
