#!/usr/bin/env node
// A reviewer opens a case's determination notice from the Camunda Form of its task in Tasklist, in a real browser
// (Debian's Chromium driven by playwright-core; no browser is ever downloaded).
//
// Steps: log in, open the filter "My review tasks", open the task whose Request shows the given requestId, claim
// it, wait until the form's list of determination notices (process variable noticeLinks, a Markdown text) shows a
// link whose text starts with --link-text, check that it points at the notice path of the webapps' session
// (/webapp/prior-authorizations/...), click it, and save the PDF the browser receives (shown by its PDF viewer, in
// this tab or a new one, or as a download) to --save. The script checks that the answer is a PDF; the Java test reads it.
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

/**
 * What the browser receives for the notice's URL: a download (Chromium without its PDF viewer), or the document
 * its PDF viewer opens, in this tab or a new one. @returns {{how, bytes}}, or null after timeoutMs.
 */
function received(context, pathname, timeoutMs) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        resolve(value);
      }
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    const watch = (p) => {
      p.on('download', async (d) => finish({ how: `download ${d.suggestedFilename()}`, bytes: fs.readFileSync(await d.path()) }));
      p.on('response', async (r) => {
        if (new URL(r.url()).pathname === pathname) {
          // the viewer's document stands in for the PDF's body here: the bytes are read again below with the
          // browser's own cookies (its Tasklist session)
          finish({ how: `${r.status()} ${r.headers()['content-type']} shown by the PDF viewer`, response: r });
        }
      });
    };
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

  // Open it: Chromium shows the PDF in its viewer (or, without one, receives it as a download).
  const answer = received(state.context, new URL(href, o.baseUrl).pathname, 20000);
  await link.first().click();
  const got = await answer;
  if (!got) {
    throw new Failure('clicking the link gave the browser no PDF within 20 s');
  }
  let bytes = got.bytes;
  if (!bytes) {
    if (got.response.status() !== 200 || got.response.headers()['content-type'] !== 'application/pdf') {
      throw new Failure(`the link answered ${got.how}`);
    }
    const again = await state.context.request.get(got.response.url());
    if (again.status() !== 200) {
      throw new Failure(`reading the notice again with the browser's session answered ${again.status()}`);
    }
    bytes = await again.body();
  }
  log(`the browser received the notice: ${got.how}, ${bytes.length} bytes`);
  await page.waitForTimeout(1500);
  await screenshot('notice-opened');
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new Failure(`the answer is not a PDF: ${bytes.subarray(0, 200).toString('utf8')}`);
  }
  fs.mkdirSync(path.dirname(o.save), { recursive: true });
  fs.writeFileSync(o.save, bytes);
  log(`saved the notice to ${o.save}`);
}

runMain('tasklist-notice', options(), run);
