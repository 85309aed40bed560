#!/usr/bin/env node
// A reviewer opens a case's determination notice from the Camunda Form of its task in Tasklist, in a real browser
// (Debian's Chromium driven by playwright-core; no browser is ever downloaded).
//
// Steps: log in, open the filter "My review tasks", open the task whose Request shows the given requestId, claim
// it, wait until the form's list of determination notices (process variable noticeLinks, a Markdown text) shows a
// link whose text starts with --link-text, check that it points at the notice path of the webapps' session
// (/webapp/prior-authorizations/...), click it, and save the PDF the browser receives (as a download, in this tab
// or a new one) to --save. The script checks that the answer is a PDF; the Java test reads it.
//
// Usage: node tasklist-notice.mjs --base-url http://localhost:8080 --request-id PUB-020 --user physician2 \
//          --password physician2 --link-text "Adverse determination, to the prescriber" --save notice.pdf \
//          [--screenshots DIR] [--timeout-ms 120000]
// CHROMIUM_PATH (default /usr/bin/chromium).
// Exit code 0 when the notice was opened and saved, 1 on any failure, 2 on bad usage, 3 on the overall timeout.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  FILTER_NAME, Failure, logger, waitFor, waitForOptional, checkRunOptions, openBrowser, logIn, openFilter,
  findRequestTask, openAndClaim, runMain,
} from './tasklist-common.mjs';

const NOTICE_PATH = '/webapp/prior-authorizations/';
const log = logger('tasklist-notice');

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        'base-url': { type: 'string' },
        'request-id': { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        'link-text': { type: 'string' },
        save: { type: 'string' },
        screenshots: { type: 'string' },
        'timeout-ms': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`[tasklist-notice] ${e.message}`);
    process.exit(2);
  }
  const o = {
    baseUrl: (parsed['base-url'] ?? 'http://localhost:8080').replace(/\/+$/, ''),
    requestId: parsed['request-id'],
    user: parsed.user ?? 'physician2',
    password: parsed.password ?? parsed.user ?? 'physician2',
    linkText: parsed['link-text'],
    save: parsed.save && path.resolve(parsed.save),
    screenshots: path.resolve(parsed.screenshots ?? 'screenshots'),
    timeoutMs: Number(parsed['timeout-ms'] ?? 120000),
    chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  };
  if (!o.requestId || !o.linkText || !o.save) {
    console.error('[tasklist-notice] --request-id, --link-text and --save are required');
    process.exit(2);
  }
  checkRunOptions('tasklist-notice', o);
  return o;
}

/** @returns the first download of the context's pages (this tab or one the link opens), or null after timeoutMs. */
function firstDownload(context, timeoutMs) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    const watch = (p) => p.once('download', (d) => {
      clearTimeout(timer);
      resolve(d);
    });
    context.pages().forEach(watch);
    context.on('page', watch);
  });
}

async function run(o, state) {
  const { page, screenshot } = await openBrowser('tasklist-notice', o, state, log, { height: 1200, prefix: 'notice-' });
  page.on('pageerror', (e) => log(`page error: ${e.message}`));

  const filter = await logIn(page, o, log);
  await openFilter(page, filter);
  await waitFor(page, 'the task list', () => page.locator('[cam-tasks] > div[ng-if]').first().isVisible());
  const card = await findRequestTask(page, o, log);
  if ((await card.count()) !== 1) {
    throw new Failure(`expected one task of request ${o.requestId} in "${FILTER_NAME}", found ${await card.count()}`);
  }
  const details = await openAndClaim(page, card, o, log);

  // The form's notice list: a text component rendering the Markdown of noticeLinks.
  const form = details.locator('.fjs-container form.fjs-form');
  const link = form.locator('a', { hasText: o.linkText });
  if (!(await waitForOptional(() => link.first().isVisible(), 20000))) {
    await screenshot('form-without-notice-link');
    const text = await form.innerText().catch(() => '(no form)');
    throw new Failure(`the form shows no link "${o.linkText}"; it shows:\n${text}`);
  }
  const href = await link.first().getAttribute('href');
  log(`the form links "${(await link.first().innerText()).trim()}" to ${href}`);
  if (!href || !new URL(href, o.baseUrl).pathname.startsWith(NOTICE_PATH)) {
    throw new Failure(`the link points at ${href}, not at ${NOTICE_PATH}...`);
  }
  await link.first().scrollIntoViewIfNeeded();
  await screenshot('form-with-notice-link');

  // Open it: Chromium without its PDF viewer (headless) receives the PDF as a download.
  const download = firstDownload(state.context, 20000);
  await link.first().click();
  const received = await download;
  let bytes;
  if (received) {
    const file = await received.path();
    bytes = fs.readFileSync(file);
    log(`the browser received ${received.suggestedFilename()} (${bytes.length} bytes)`);
  } else {
    throw new Failure('clicking the link gave the browser no PDF within 20 s');
  }
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new Failure(`the answer is not a PDF: ${bytes.subarray(0, 200).toString('utf8')}`);
  }
  fs.mkdirSync(path.dirname(o.save), { recursive: true });
  fs.writeFileSync(o.save, bytes);
  log(`saved the notice to ${o.save}`);
}

runMain('tasklist-notice', options(), run);
