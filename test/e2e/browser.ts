import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { underCi } from '../support/env';

export const chromiumPath = '/usr/bin/chromium';

/**
 * Whether the browser journeys must be skipped: on a machine without Chromium they are, but
 * under CI a missing browser throws, so the run fails instead of passing with nothing checked.
 */
export function skipWithoutChromium(options: { path?: string; ci?: boolean } = {}): boolean {
  const where = options.path ?? chromiumPath;
  if (fs.existsSync(where)) return false;
  if (options.ci ?? underCi()) {
    throw new Error(`Chromium is missing at ${where}: under CI the browser journeys must run`);
  }
  return true;
}

/** Debian's Chromium, headless, with a throw-away profile. */
export async function launchBrowser(): Promise<{
  context: BrowserContext;
  close: () => Promise<void>;
}> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(20_000);
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

const screenshotDir = path.resolve('var/screenshots');
/** Set (e.g. `TONGXIN_SCREENSHOTS=docs/screenshots`) to refresh the README's pictures. */
const docsDir = process.env.TONGXIN_SCREENSHOTS
  ? path.resolve(process.env.TONGXIN_SCREENSHOTS)
  : null;

/** Saves a screenshot to var/screenshots, and to the docs folder when `docsName` is given and asked for. */
export async function snap(page: Page, name: string, docsName?: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  // Let charts finish their entry animation so the picture shows the final figure.
  await page.waitForTimeout(1200);
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
  if (docsDir && docsName) {
    fs.mkdirSync(docsDir, { recursive: true });
    await page.screenshot({ path: path.join(docsDir, `${docsName}.png`) });
  }
}

/** Opens an Ant Design select by its test id and picks the option with this label. */
export async function pickOption(page: Page, testId: string, label: string): Promise<void> {
  const select = page.locator(`[data-testid="${testId}"]`);
  // A dropdown that is still closing (the previous pick) or options still loading can swallow a
  // click on a busy machine: pick again until the select shows the label.
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    await page
      .locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`)
      .click({ timeout: 10_000 })
      .catch(() => undefined);
    for (let wait = 0; wait < 15; wait++) {
      if ((await select.innerText()).includes(label)) return;
      await page.waitForTimeout(200);
    }
    await page.keyboard.press('Escape');
  }
  throw new Error(`could not pick ${label} in ${testId}`);
}

/** Texts of the rows of the visible table once it has stopped loading. */
export async function tableRows(page: Page): Promise<string[]> {
  await page.locator('.ant-table-wrapper .ant-spin-spinning').waitFor({ state: 'detached' });
  return page.locator('.ant-table-tbody tr.tx-clickable-row').allInnerTexts();
}
