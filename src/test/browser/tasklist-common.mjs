// Shared by the Tasklist browser scripts: Chromium's launch flags, logging, waiting, error banners and clean-up.
import fs from 'node:fs';

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
