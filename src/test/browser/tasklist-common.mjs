// Shared by the Tasklist browser scripts: Chromium's launch flags, options, logging, waiting, error banners,
// log-in, finding and claiming the task of a request, the run with its overall timeout, and clean-up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** Flags for Debian's Chromium on a closed network, headless, as root (a fresh --user-data-dir is added per run). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Tasklist filter that shows a reviewer the tasks of their groups. */
export const FILTER_NAME = 'My review tasks';
/** Label of the review form's reason field. */
export const REASON_LABEL = 'Reason';

/** A check that failed: reported by its message, without a stack trace. */
export class Failure extends Error {}

/** @returns a logger that prefixes each line with the script name and the time of day. */
export function logger(name) {
  return (message) => console.log(`[${name}] ${new Date().toISOString().slice(11, 23)} ${message}`);
}

/** The texts of the visible error banners (Tasklist notifications and alerts), trimmed. */
export async function errorBanners(page) {
  const banners = page.locator('.alert-danger:visible, .notifications .alert-error:visible');
  return (await banners.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').replace(/^×\s*(Close\s*)?/, '').trim()).filter(Boolean);
}

/** Throws a Failure naming the banners when Tasklist shows an error. */
export async function failOnErrorBanner(page, during) {
  const errors = await errorBanners(page);
  if (errors.length) {
    throw new Failure(`Tasklist shows an error ${during}: ${errors.join(' | ')}`);
  }
}

/** Waits until fn() returns a truthy value, checking error banners meanwhile; throws with `what` on timeout. */
export async function waitFor(page, what, fn, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) {
      return value;
    }
    await failOnErrorBanner(page, `while waiting for ${what}`);
    if (Date.now() > end) {
      throw new Failure(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await page.waitForTimeout(250);
  }
}

/** Waits up to timeoutMs for fn() to return a truthy value; @returns whether it did. */
export async function waitForOptional(fn, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await fn()) {
      return true;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** @returns s with the regular-expression metacharacters escaped. */
export function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Closes the browser context and deletes its temporary profile. */
export async function cleanUp(state) {
  await state.context?.close().catch(() => {});
  if (state.userDataDir) {
    fs.rmSync(state.userDataDir, { recursive: true, force: true });
  }
}

/** Exits with code 2 (bad usage) or 1 (no Chromium) when the common options of a script are unusable. */
export function checkRunOptions(name, o) {
  if (!Number.isFinite(o.timeoutMs) || o.timeoutMs <= 0) {
    console.error(`[${name}] --timeout-ms must be a positive number`);
    process.exit(2);
  }
  if (!fs.existsSync(o.chromium)) {
    console.error(`[${name}] no Chromium at ${o.chromium}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    process.exit(1);
  }
}

/**
 * Launches Chromium with a fresh profile (kept in state for clean-up) and a page of 1400 × height pixels.
 * @returns {{page, screenshot}}: screenshot(name, target = page) writes `<prefix>NN-name.png` to o.screenshots
 */
export async function openBrowser(name, o, state, log, { height, prefix = '' }) {
  fs.mkdirSync(o.screenshots, { recursive: true });
  state.userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  log(`Chromium ${o.chromium}, profile ${state.userDataDir}`);
  const context = await chromium.launchPersistentContext(state.userDataDir, {
    executablePath: o.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height },
  });
  state.context = context;
  context.setDefaultTimeout(20000);
  const page = context.pages()[0] ?? (await context.newPage());
  state.page = page;
  let shot = 0;
  const screenshot = async (shotName, target = page) => {
    const file = path.join(o.screenshots, `${prefix}${String(++shot).padStart(2, '0')}-${shotName}.png`);
    await target.screenshot({ path: file });
    log(`screenshot ${file}`);
  };
  state.screenshot = screenshot;
  return { page, screenshot };
}

/** Logs in to Tasklist as o.user. @returns the locator of the filter "My review tasks", once it is visible. */
export async function logIn(page, o, log) {
  const tasklistUrl = `${o.baseUrl}/camunda/app/tasklist/`;
  log(`opening ${tasklistUrl}`);
  await page.goto(tasklistUrl);
  const username = page.getByPlaceholder('Username');
  // The first load of the webapp's scripts right after the application started can exceed RequireJS's module
  // timeout on a loaded machine ("Load timeout for modules"); the page then never renders. Load it once more.
  if (!(await waitForOptional(() => username.isVisible(), 30000))) {
    log('the login page did not render; loading it again');
    await page.reload();
  }
  await username.fill(o.user);
  await page.getByPlaceholder('Password').fill(o.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  const filter = page.locator('.task-filter').filter({ has: page.locator('h4.name', { hasText: FILTER_NAME }) });
  await waitFor(page, `the login of ${o.user} and the filter "${FILTER_NAME}"`, () => filter.first().isVisible());
  log(`logged in as ${o.user}`);
  return filter;
}

/** Opens the filter "My review tasks" and waits until Tasklist marks it active. */
export async function openFilter(page, filter) {
  await filter.first().locator('h4.name a').click();
  await waitFor(page, `the filter "${FILTER_NAME}" to be selected`,
    async () => (await filter.first().getAttribute('class'))?.split(/\s+/).includes('active'));
}

/**
 * The task cards whose Request (filter variable requestId, shown on the card) is o.requestId: on the first page of
 * the open filter, else through Tasklist's search (process variable requestId = the request id, the same query
 * that a person builds in the search box and that Tasklist keeps in its URL).
 * @throws Failure naming the requests the list shows when none is found within 15 s of the search
 */
export async function findRequestTask(page, o, log) {
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
    await waitFor(page, `the task of request ${o.requestId} in "${FILTER_NAME}"`, () => card.first().isVisible(), 15000)
      .catch(async (e) => {
        const shown = await page.locator('ol.tasks-list .variable-value').allInnerTexts().catch(() => []);
        throw new Failure(`${e.message}; the list shows: ${shown.join(', ') || 'no task'}`);
      });
  }
  return card;
}

/** Opens the task of the card and claims it unless it is already this user's. @returns the task details locator. */
export async function openAndClaim(page, card, o, log) {
  await card.first().locator('h4.task a').click();
  const details = page.locator('.task-details');
  await waitFor(page, 'the task details', () => details.locator('h2.task').isVisible());
  log(`opened task "${(await details.locator('h2.task').innerText()).trim()}"`);
  const claim = details.getByRole('button', { name: 'Claim', exact: true });
  if (await claim.isVisible()) {
    await claim.click();
    await waitFor(page, 'the claim', async () => !(await claim.isVisible()));
    log(`claimed by ${o.user}`);
  } else {
    log('no Claim button: the task is already assigned to this user');
  }
  return details;
}

/**
 * Runs run(o, state) under the overall timeout o.timeoutMs and exits: 0 when it succeeded, 1 on a failure (with a
 * screenshot "failure" when a page is open), 3 on the overall timeout; the browser is always cleaned up.
 */
export async function runMain(name, o, run) {
  const log = logger(name);
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
    console.error(`[${name}] FAILED: ${e instanceof Failure ? e.message : e.stack}`);
    if (state.page && state.screenshot) {
      await Promise.race([state.screenshot('failure').catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
    }
  } finally {
    clearTimeout(timer);
    await Promise.race([cleanUp(state), new Promise((r) => setTimeout(r, 10000))]);
  }
  process.exit(code);
}
