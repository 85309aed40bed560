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

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import {
  CHROMIUM_ARGS, FILTER_NAME, REASON_LABEL, Failure, logger, waitFor, waitForOptional,
  escapeRegExp, cleanUp,
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
  if (!Number.isFinite(o.timeoutMs) || o.timeoutMs <= 0) {
    console.error('[tasklist-escaping] --timeout-ms must be a positive number');
    process.exit(2);
  }
  if (!fs.existsSync(o.chromium)) {
    console.error(`[tasklist-escaping] no Chromium at ${o.chromium}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    process.exit(1);
  }
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
  fs.mkdirSync(o.screenshots, { recursive: true });
  state.userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tasklist-escaping-'));
  log(`Chromium ${o.chromium}, profile ${state.userDataDir}`);
  const context = await chromium.launchPersistentContext(state.userDataDir, {
    executablePath: o.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1400 },
  });
  state.context = context;
  context.setDefaultTimeout(20000);
  const page = context.pages()[0] ?? (await context.newPage());
  state.page = page;
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => log(`page error: ${e.message}`));

  let shot = 0;
  const screenshot = async (name, target = page) => {
    const file = path.join(o.screenshots, `escaping-${String(++shot).padStart(2, '0')}-${name}.png`);
    await target.screenshot({ path: file });
    log(`screenshot ${file}`);
  };
  state.screenshot = screenshot;

  // 1. Log in and open the filter.
  await page.goto(`${o.baseUrl}/camunda/app/tasklist/`);
  await page.getByPlaceholder('Username').fill(o.user);
  await page.getByPlaceholder('Password').fill(o.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  const filter = page.locator('.task-filter').filter({ has: page.locator('h4.name', { hasText: FILTER_NAME }) });
  await waitFor(page, `the login of ${o.user} and the filter "${FILTER_NAME}"`, () => filter.first().isVisible());
  log(`logged in as ${o.user}`);
  await filter.first().locator('h4.name a').click();
  await waitFor(page, `the filter "${FILTER_NAME}" to be selected`,
    async () => (await filter.first().getAttribute('class'))?.split(/\s+/).includes('active'));

  // 2. The task of the request (first page of the list, else Tasklist's variable search).
  const card = page.locator('ol.tasks-list > li.task').filter({
    has: page.locator('.variable-value', { hasText: new RegExp(`^\\s*${escapeRegExp(o.requestId)}\\s*$`) }),
  });
  if (!(await waitForOptional(() => card.first().isVisible(), 5000))) {
    log(`request ${o.requestId} not on the first page of "${FILTER_NAME}"; searching for it`);
    const query = JSON.stringify([{ type: 'processVariables', operator: 'eq', name: 'requestId', value: o.requestId }]);
    const url = new URL(page.url());
    const hash = new URLSearchParams(url.hash.replace(/^#\/?\??/, ''));
    hash.set('searchQuery', query);
    await page.goto(`${url.origin}${url.pathname}#/?${hash.toString()}`);
    await waitFor(page, `the task of request ${o.requestId}`, () => card.first().isVisible(), 15000);
  }
  await screenshot('task-list');
  await card.first().locator('h4.task a').click();
  const details = page.locator('.task-details');
  await waitFor(page, 'the task details', () => details.locator('h2.task').isVisible());
  const claim = details.getByRole('button', { name: 'Claim', exact: true });
  if (await claim.isVisible()) {
    await claim.click();
    await waitFor(page, 'the claim', async () => !(await claim.isVisible()));
    log(`claimed by ${o.user}`);
  }

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

async function main() {
  const o = options();
  const state = {};
  log(`request ${o.requestId} at ${o.baseUrl} as ${o.user}; screenshots in ${o.screenshots}; timeout ${o.timeoutMs} ms`);
  const started = Date.now();
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Failure(`the whole run took longer than ${o.timeoutMs} ms`)), o.timeoutMs);
  });
  let code = 0;
  try {
    await Promise.race([run(o, state), timeout]);
    log(`OK in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    code = /longer than/.test(e.message) ? 3 : 1;
    console.error(`[tasklist-escaping] FAILED: ${e instanceof Failure ? e.message : e.stack}`);
    if (state.page && state.screenshot) {
      await Promise.race([state.screenshot('failure').catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
    }
  } finally {
    clearTimeout(timer);
    await Promise.race([cleanUp(state), new Promise((r) => setTimeout(r, 10000))]);
  }
  process.exit(code);
}

main();
