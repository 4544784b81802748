import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutChromium, launchBrowser, pickOption, snap, tableRows } from './browser';
import { demoPassword, startDemoServer, type RunningServer } from './server';

interface RetailerPage {
  items: { id: string; name: string; licenceNo: string; countyCode: string; countyName: string }[];
  total: number;
}

const digitsOf = (text: string) => Number(text.replace(/[^\d]/g, ''));

async function logIn(page: Page, username: string) {
  await page.locator('[data-testid="login-username"]').fill(username);
  await page.locator('[data-testid="login-password"]').fill(demoPassword);
  await page.locator('[data-testid="login-submit"]').click();
}

describe.skipIf(skipWithoutChromium())('browser journey (Chromium)', () => {
  let server: RunningServer;
  let browser: { context: BrowserContext; close: () => Promise<void> };

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('a city manager at a desk', () => {
    let page: Page;
    let cookie: string;

    beforeAll(async () => {
      cookie = (await server.login('taiyuan')).cookie;
      await browser.context.clearCookies();
      page = await browser.context.newPage();
    }, 60_000);

    afterAll(async () => {
      await page?.close();
    });

    it('logs in and reads the overview: headline counts and the map of the city', async () => {
      const overview = await server.get<{ headline: { retailers: number } }>(
        cookie,
        '/api/overview',
      );

      // Any page asks for a log-in first; a wrong password shows the server's message.
      await page.goto(`${server.baseUrl}/retailers`);
      await page.waitForURL(/\/login\?next=%2Fretailers/);
      await page.locator('[data-testid="login-username"]').waitFor();
      await snap(page, 'desktop-login', 'login');
      await page.locator('[data-testid="login-username"]').fill('taiyuan');
      await page.locator('[data-testid="login-password"]').fill('not-the-password');
      await page.locator('[data-testid="login-submit"]').click();
      await expect
        .poll(() => page.locator('[data-testid="login-error"]').innerText())
        .toMatch(/用户名或密码/);
      await snap(page, 'desktop-login-refused');

      // Log in from the root: the city manager lands on the overview of their city.
      await page.goto(`${server.baseUrl}/`);
      await logIn(page, 'taiyuan');
      await page.waitForURL(/\/overview$/);
      await expect
        .poll(() => page.locator('[data-testid="user-scope"]').innerText())
        .toBe('太原市');
      const map = page.locator('[data-testid="overview-map"] canvas').first();
      await map.waitFor();
      const headline = await page
        .locator('[data-testid="headline-retailers"] .ant-statistic-content')
        .innerText();
      expect(digitsOf(headline)).toBe(overview.headline.retailers);
      expect(headline).toContain(','); // thousands separator on a four-digit count
      await snap(page, 'desktop-overview', 'overview');

      // The city's counties fill the map, so its centre lies in one of them: a click lists its retailers.
      await map.click();
      await page.waitForURL((url) => /^14\d{4}$/.test(url.searchParams.get('countyCode') ?? ''));
      const clicked = new URL(page.url()).searchParams.get('countyCode');
      const rows = await server.get<RetailerPage>(
        cookie,
        `/api/retailers?countyCode=${clicked}&pageSize=1`,
      );
      await expect
        .poll(async () => (await tableRows(page))[0] ?? '')
        .toContain(rows.items[0]!.countyName);
    }, 60_000);

    it('searches the retailer list, filters it by county and opens a retailer', async () => {
      // Retailers: search a name fragment, then narrow to one county through the city → county cascade.
      const sample = await server.get<RetailerPage>(
        cookie,
        '/api/retailers?countyCode=140106&pageSize=1',
      );
      const target = sample.items[0]!;
      const fragment = target.name.slice(0, 2);
      await page.locator('[data-testid="side-menu"]').getByText('零售户', { exact: true }).click();
      await page.waitForURL(/\/retailers$/);
      await expect.poll(async () => (await tableRows(page)).length).toBe(20);
      await snap(page, 'desktop-retailers', 'retailers');
      await page.locator('[data-testid="retailer-search"] input').fill(fragment);
      await page.locator('[data-testid="retailer-search"] input').press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === fragment);
      await expect.poll(async () => (await tableRows(page)).length).toBeGreaterThan(0);

      await pickOption(page, 'filter-city', '太原市');
      await page.waitForURL((url) => url.searchParams.get('cityCode') === '140100');
      await pickOption(page, 'filter-county', target.countyName);
      await page.waitForURL((url) => url.searchParams.get('countyCode') === target.countyCode);
      const expected = await server.get<RetailerPage>(
        cookie,
        `/api/retailers?q=${encodeURIComponent(fragment)}&cityCode=140100&countyCode=${target.countyCode}&pageSize=20`,
      );
      await expect
        .poll(async () => (await tableRows(page)).length)
        .toBe(Math.min(20, expected.total));
      const rows = await tableRows(page);
      for (const row of rows) expect(row).toContain(target.countyName);
      const totalText = await page.locator('.ant-pagination-total-text').innerText();
      expect(digitsOf(totalText)).toBe(expected.total);
      await snap(page, 'desktop-retailers-filtered');

      // The filtered list is a shareable link: reloading it shows the same filters.
      await page.reload();
      await expect.poll(async () => (await tableRows(page)).length).toBe(rows.length);
      await expect
        .poll(() => page.locator('[data-testid="retailer-search"] input').inputValue())
        .toBe(fragment);

      // Open the first retailer and see its licence number.
      await page.locator('.ant-table-tbody tr.tx-clickable-row').first().click();
      await page.waitForURL(/\/retailers\/[^/?]+$/);
      const licence = await page.locator('[data-testid="retailer-licence"]').innerText();
      expect(licence.trim()).toBe(expected.items[0]!.licenceNo);
      await expect
        .poll(() => page.locator('body').innerText())
        .toMatch(/订货日[\s\S]*周[一二三四五六日]/);
      await snap(page, 'desktop-retailer-detail', 'retailer-detail');
    }, 60_000);

    it('switches to English, keeps it across a reload, and logs out', async () => {
      // English: labels and server-provided names switch; the choice survives a reload.
      await page.locator('[data-testid="language-switch"]').click();
      await expect.poll(() => page.locator('body').innerText()).toContain('Licence no.');
      await expect
        .poll(() => page.locator('[data-testid="user-scope"]').innerText())
        .toBe('Taiyuan City');
      await page.reload();
      await expect
        .poll(() => page.locator('[data-testid="side-menu"]').innerText())
        .toContain('Retailers');
      await expect
        .poll(() => page.locator('body').innerText())
        .toMatch(/Order day\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)/);
      await snap(page, 'desktop-retailer-detail-en');

      // Log out: back to the log-in page, and the session is gone on the server too.
      await page.locator('[data-testid="logout"]').click();
      await page.waitForURL(/\/login$/);
      await expect
        .poll(() => page.locator('[data-testid="login-submit"]').innerText())
        .toMatch(/Log in/);
      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
      expect(me).toBe(401);

      // A session that ends while the app is open (expiry, or revoked): the next request sends the
      // user to the log-in page, which says why and returns to the page afterwards.
      await logIn(page, 'taiyuan');
      await page.waitForURL(/\/overview$/);
      await browser.context.clearCookies();
      // A background request of the overview may notice first and send the user to log-in before
      // the click lands; either way the user must end on log-in with the reason, then come back.
      // On a busy machine the click may not land before the menu re-renders: click again until
      // the app has sent the user to log-in.
      await expect
        .poll(
          async () => {
            if (!page.url().includes('/login?')) {
              const clicked = await page
                .locator('[data-testid="side-menu"]')
                .getByText('Products', { exact: true })
                .click({ timeout: 3_000 })
                .then(
                  () => true,
                  () => false,
                );
              // A click that cannot land (CI once spent 30 s without one) is replaced by the same
              // in-app navigation the menu makes: the router follows the history entry.
              if (!clicked) {
                await page.evaluate(
                  "history.pushState({}, '', '/products'); dispatchEvent(new PopStateEvent('popstate'))",
                );
              }
            }
            return page.url();
          },
          { timeout: 30_000, interval: 1_000 },
        )
        .toMatch(/\/login\?next=%2F(products|overview)$/);
      const next = new URL(page.url()).searchParams.get('next');
      await page.locator('[data-testid="session-expired"]').waitFor();
      await logIn(page, 'taiyuan');
      await page.waitForURL(new RegExp(`${next}$`));
    }, 90_000);
  });

  it('a retailer on a phone sees only its shop pages, its licence and the price list', async () => {
    const api = await server.login('shop.xiaodian');
    const own = await server.get<{ retailer: { licenceNo: string } }>(
      api.cookie,
      `/api/retailers/${api.user.retailerId}`,
    );
    // Each journey starts logged out, whatever the previous one left behind.
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/login`);
    // A fresh page in Chinese, whatever the previous journey chose.
    await page.evaluate("localStorage.setItem('tongxin.lang', 'zh-CN')");
    await page.reload();
    await logIn(page, 'shop.xiaodian');
    await page.waitForURL(/\/my-shop$/);
    await expect
      .poll(() => page.locator('[data-testid="retailer-licence"]').innerText())
      .toBe(own.retailer.licenceNo);
    // The sidebar is a drawer on a phone.
    expect(await page.locator('[data-testid="side-menu"]').count()).toBe(0);
    await snap(page, 'phone-my-shop', 'phone-my-shop');

    await page.locator('[data-testid="menu-toggle"]').click();
    const menu = page.locator('.ant-drawer [data-testid="side-menu"]');
    await menu.waitFor();
    const entries = await menu.innerText();
    expect(entries).toContain('我的店铺');
    expect(entries).toContain('品规');
    expect(entries).not.toContain('总览');
    expect(entries).not.toContain('零售户');
    await menu.getByText('品规', { exact: true }).click();
    await page.waitForURL(/\/products$/);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const firstRow = await page.locator('.ant-table-tbody tr.ant-table-row').first().innerText();
    expect(firstRow).toMatch(/\d+\.\d{2}/); // prices in yuan with two decimals
    await snap(page, 'phone-products');

    // A staff page typed into the address bar is refused kindly.
    await page.goto(`${server.baseUrl}/overview`);
    await expect.poll(() => page.locator('.ant-result-title').innerText()).toBe('无权访问');

    await page.locator('[data-testid="user-menu"]').click();
    await page.locator('.ant-dropdown:visible').getByText('退出登录').click();
    await page.waitForURL(/\/login$/);
    await page.close();
  }, 60_000);
});
