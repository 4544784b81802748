import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyOrderResponse, ProgressResponse } from '../../src/contracts/ordering';
import { skipWithoutChromium, launchBrowser, pickOption, snap } from './browser';
import { demoPassword, startDemoServer, type RunningServer } from './server';

const xiaodian = '140105';

/**
 * The server's ordering clock (`TONGXIN_CLOCK`) starts at Sunday 10:00 in Shanghai before the ISO week the demo seeds plans for (the week of today's UTC
 * date, as the supply seed counts). Every window of that week is open then: they open Saturday
 * 12:00 and close at 23:59 the day before the order day, and the earliest order day (Monday, as
 * `shop.xiaodian`'s) closes on Sunday.
 */
function sundayBeforeThisWeek(now = new Date()): Date {
  const weekday = (now.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(
    Date.UTC(
      now.getUTCFullYear(),
      now.getUTCMonth(),
      now.getUTCDate() - weekday - 1,
      2, // 10:00 in Shanghai
    ),
  );
}

const clock = sundayBeforeThisWeek();

async function logIn(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.evaluate("localStorage.setItem('tongxin.lang', 'zh-CN')");
  await page.reload();
  await page.locator('[data-testid="login-username"]').fill(username);
  await page.locator('[data-testid="login-password"]').fill(demoPassword);
  await page.locator('[data-testid="login-submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** What the retailer's order already holds of a spec. */
const held = (view: MyOrderResponse, productCode: string) =>
  view.order?.lines.find((l) => l.productCode === productCode)?.quantity ?? 0;

/** Digits of a money or count text: "¥1,234.50" → 123450. */
const digitsOf = (text: string) => Number(text.replace(/[^\d]/g, ''));

describe.skipIf(skipWithoutChromium())('browser journey: ordering (订货)', () => {
  let server: RunningServer;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  const previousClock = process.env.TONGXIN_CLOCK;
  let shopId: string;
  let shopCookie: string;

  async function call<T>(
    cookie: string,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(server.baseUrl + url, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** A page with its own cookies (a fresh context per user) at the journey's instant. */
  async function pageAs(username: string, phone: boolean): Promise<Page> {
    const page = await browser.context.newPage();
    if (phone) await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, server.baseUrl, username);
    return page;
  }

  beforeAll(async () => {
    process.env.TONGXIN_CLOCK = clock.toISOString();
    server = await startDemoServer();
    browser = await launchBrowser();
    const shop = await server.login('shop.xiaodian');
    shopCookie = shop.cookie;
    shopId = shop.user.retailerId!;
    // The browser keeps real time: countdowns and default times must follow the server's clock.
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (previousClock === undefined) delete process.env.TONGXIN_CLOCK;
    else process.env.TONGXIN_CLOCK = previousClock;
  });

  it('a retailer on a phone orders two specs, sees the order and edits it', async () => {
    const view = await server.get<MyOrderResponse>(shopCookie, '/api/ordering/my-order');
    expect(view.window.open).toBe(true);
    expect(view.ordering).toBe('allowed');
    const lines = view.offer.filter((item) => item.available >= 2).slice(0, 3);
    expect(lines.length).toBeGreaterThanOrEqual(2);

    await browser.context.clearCookies();
    const page = await pageAs('shop.xiaodian', true);
    await page.goto(`${server.baseUrl}/ordering`);
    await page.waitForURL(/\/ordering\/my-order$/);
    await page.locator('[data-testid="offer-list"]').waitFor();
    expect(await page.locator('[data-testid="ordering-window"]').getAttribute('data-phase')).toBe(
      'open',
    );
    expect(await page.locator('[data-testid="ordering-window"]').innerText()).toMatch(
      /订货窗口开放中 · 还剩 \d+ 小时/,
    );

    // Two lines: 2 条 of the first spec, 1 条 of the second; the sticky total follows.
    const [first, second] = lines as [
      MyOrderResponse['offer'][number],
      MyOrderResponse['offer'][number],
    ];
    await page.locator(`[data-testid="qty-${first.productCode}-plus"]`).click();
    await page.locator(`[data-testid="qty-${first.productCode}-plus"]`).click();
    await page.locator(`[data-testid="qty-${second.productCode}-plus"]`).click();
    const expectedFen = 2 * first.priceFen + second.priceFen;
    await expect.poll(() => page.locator('[data-testid="running-quantity"]').innerText()).toBe('3');
    expect(digitsOf(await page.locator('[data-testid="running-amount"]').innerText())).toBe(
      expectedFen,
    );
    // The stepper stops at what is available.
    const stepper = page.locator(`[data-testid="qty-${second.productCode}-input"]`);
    await stepper.fill(String(second.available + 5));
    await stepper.blur();
    await expect.poll(() => stepper.inputValue()).toBe(String(second.available));
    await stepper.fill('1');
    await stepper.blur();
    // The total bar stays on screen while the offer scrolls.
    const bar = (await page.locator('[data-testid="order-totals"]').boundingBox())!;
    expect(bar.y + bar.height).toBeLessThanOrEqual(844 + 1);
    await snap(page, 'phone-ordering-form', 'ordering-retailer-phone');

    const put = page.waitForResponse(
      (r) => r.url().includes('/api/ordering/my-order') && r.request().method() === 'PUT',
    );
    await page.locator('[data-testid="order-submit"]').click();
    const response = await put;
    expect(response.status()).toBe(200);
    const key = response.request().headers()['idempotency-key'];
    expect(key).toMatch(/^[\w.:-]{8,100}$/);
    const summary = page.locator('[data-testid="order-summary"]');
    await summary.waitFor();
    expect(await page.locator('[data-testid="order-status"]').innerText()).toBe('已提交');
    expect(digitsOf(await page.locator('[data-testid="order-total"]').innerText())).toBe(
      Number(`3${String(expectedFen)}`),
    );

    // Edit: one less of the first spec; the server holds version 2 with the new lines.
    await page.locator('[data-testid="order-edit"]').click();
    await page.locator(`[data-testid="qty-${first.productCode}-minus"]`).click();
    const edited = page.waitForResponse(
      (r) => r.url().includes('/api/ordering/my-order') && r.request().method() === 'PUT',
    );
    await page.locator('[data-testid="order-submit"]').click();
    const editResponse = await edited;
    expect(editResponse.status()).toBe(200);
    // A new submit is a new attempt: a new key.
    expect(editResponse.request().headers()['idempotency-key']).not.toBe(key);
    await summary.waitFor();
    const after = await server.get<MyOrderResponse>(shopCookie, '/api/ordering/my-order');
    expect(after.order?.version).toBe(2);
    expect(after.order?.lines.map((l) => [l.productCode, l.quantity]).sort()).toEqual(
      [
        [first.productCode, 1],
        [second.productCode, 1],
      ].sort(),
    );
    expect(after.order?.totalFen).toBe(first.priceFen + second.priceFen);
    await expect
      .poll(async () => digitsOf(await page.locator('[data-testid="order-total"]').innerText()))
      .toBe(Number(`2${String(first.priceFen + second.priceFen)}`));

    // The history tab lists the week's order with the others.
    await page.getByRole('tab', { name: '历史订单' }).click();
    const week = page.locator('[data-testid="order-history"] .ant-table-tbody tr.ant-table-row', {
      hasText: view.cycleId,
    });
    await week.waitFor();
    expect(await week.innerText()).toContain('已提交');
    await page.close();
  }, 90_000);

  it('a sealed retailer is refused with AREA_BLOCKED; reopened, it orders in an extra window', async () => {
    const view = await server.get<MyOrderResponse>(shopCookie, '/api/ordering/my-order');
    const line = view.offer.find((item) => item.available > held(view, item.productCode))!;
    expect(line).toBeDefined();

    // The retailer starts editing its order…
    await browser.context.clearCookies();
    const page = await pageAs('shop.xiaodian', true);
    await page.goto(`${server.baseUrl}/ordering/my-order`);
    if (view.order) await page.locator('[data-testid="order-edit"]').click();
    await page.locator(`[data-testid="qty-${line.productCode}-plus"]`).click();

    // …while the city seals the block its shop stands in (through the API, as a notice arrives).
    const manager = await server.login('taiyuan');
    const sealed = await call<{ area: { id: string } }>(manager.cookie, 'POST', '/api/areas', {
      scheme: 'epidemic-2022',
      status: 'sealed',
      validFrom: new Date(clock.getTime() - 3_600_000).toISOString(),
      name: `e2e 订货封控 ${Date.now()}`,
      placeIds: [shopId],
    });
    expect(sealed.status).toBe(200);

    const put = page.waitForResponse(
      (r) => r.url().includes('/api/ordering/my-order') && r.request().method() === 'PUT',
    );
    await page.locator('[data-testid="order-submit"]').click();
    expect((await put).status()).toBe(422);
    // Each refused line shows beside its spec, with the reason in words and the limit.
    const refusal = page.locator('[data-testid^="refusal-"]').first();
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('AREA_BLOCKED');
    expect(await refusal.innerText()).toContain('所在区域封控');
    await page.locator('[data-testid="order-refused"]').waitFor();
    await snap(page, 'phone-ordering-refused');
    // Reloaded, the page says so in red before anyone tries.
    await page.reload();
    await page.locator('[data-testid="ordering-blocked"]').waitFor();
    expect(await page.locator('[data-testid="ordering-blocked"]').innerText()).toContain('封控');

    // The area reopens; the county planner opens an extra window for the shop from the cycle view.
    const ended = await call(manager.cookie, 'POST', `/api/areas/${sealed.body.area.id}/end`, {
      reason: 'e2e 解封',
      at: clock.toISOString(),
    });
    expect(ended.status).toBe(200);
    // One browser profile: the planner logs in in its place, then the retailer again.
    await browser.context.clearCookies();
    const planner = await pageAs('xiaodian.planner', false);
    await planner.goto(`${server.baseUrl}/ordering/cycles`);
    await planner.locator('[data-testid="progress-table"]').waitFor();
    await planner.locator('[data-testid="progress-search"] input').fill(view.licenceNo);
    await planner.locator('[data-testid="progress-search"] input').press('Enter');
    const row = planner.locator('.ant-table-tbody tr', { hasText: view.licenceNo });
    await row.waitFor();
    await row.locator('.ant-checkbox-input').check();
    await planner.locator('[data-testid="open-extra"]').click();
    const dialog = planner.locator('.ant-modal:visible');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('选中的零售户（1 户）');
    const reason = `e2e 坞城街道解封后补订 ${Date.now() % 10_000}`;
    await planner.locator('[data-testid="extra-reason"]').fill(reason);
    const posted = planner.waitForResponse(
      (r) => r.url().endsWith('/api/ordering/windows') && r.request().method() === 'POST',
    );
    await dialog.locator('.ant-btn-primary').click();
    const windowResponse = await posted;
    expect(windowResponse.status()).toBe(201);
    expect(windowResponse.request().postDataJSON()).toMatchObject({
      retailerIds: [shopId],
      reason,
    });
    await planner
      .locator('[data-testid="extra-windows"] .ant-table-tbody tr', { hasText: reason })
      .waitFor();
    await planner.close();

    // The retailer orders again, and this time it is accepted.
    await browser.context.clearCookies();
    await logIn(page, server.baseUrl, 'shop.xiaodian');
    await page.goto(`${server.baseUrl}/ordering/my-order`);
    // The extra window closes after the regular one, so it is the one shown, with its reason.
    const banner = page.locator('[data-testid="ordering-window"]');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('补订窗口');
    expect(await banner.innerText()).toContain(reason);
    expect(await page.locator('[data-testid="ordering-blocked"]').count()).toBe(0);
    await snap(page, 'phone-ordering-extra-window');
    if (view.order) await page.locator('[data-testid="order-edit"]').click();
    await page.locator(`[data-testid="qty-${line.productCode}-plus"]`).click();
    const retry = page.waitForResponse(
      (r) => r.url().includes('/api/ordering/my-order') && r.request().method() === 'PUT',
    );
    await page.locator('[data-testid="order-submit"]').click();
    expect((await retry).status()).toBe(200);
    await page.locator('[data-testid="order-summary"]').waitFor();
    const after = await server.get<MyOrderResponse>(shopCookie, '/api/ordering/my-order');
    expect(after.ordering).toBe('allowed');
    expect(after.order?.version).toBe((view.order?.version ?? 0) + 1);
    expect(after.order?.lines.find((l) => l.productCode === line.productCode)?.quantity).toBe(
      held(view, line.productCode) + 1,
    );
    await page.close();
  }, 120_000);

  it('an account manager takes a phone order; the county view shows the retailer as ordered', async () => {
    const am = await server.login('xiaodian.am');
    const cycle = await server.get<{ cycleId: string }>(am.cookie, '/api/ordering/cycles/current');
    // A retailer of the county who may order now and has not yet.
    const candidates = await server.get<ProgressResponse>(
      am.cookie,
      `/api/ordering/cycles/${cycle.cycleId}/progress?countyCode=${xiaodian}&filter=not_ordered&pageSize=200`,
    );
    let target: { id: string; licenceNo: string; name: string; productCodes: string[] } | null =
      null;
    for (const row of candidates.page.items) {
      if (row.ordering !== 'allowed' || !row.windowOpen) continue;
      const view = await server.get<MyOrderResponse>(
        am.cookie,
        `/api/ordering/retailers/${row.retailerId}/order`,
      );
      const items = view.offer.filter((o) => o.available > 0).slice(0, 2);
      if (view.window.open && items.length === 2) {
        target = {
          id: row.retailerId,
          licenceNo: row.licenceNo,
          name: row.name,
          productCodes: items.map((item) => item.productCode),
        };
        break;
      }
    }
    expect(target).not.toBeNull();
    const { id, licenceNo, name, productCodes } = target!;

    await browser.context.clearCookies();
    const page = await pageAs('xiaodian.am', false);
    await page.goto(`${server.baseUrl}/ordering`);
    await page.waitForURL(/\/ordering\/phone$/);
    await page.locator('[data-testid="phone-retailer"]').click();
    await page.keyboard.type(licenceNo);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
      hasText: licenceNo,
    });
    await option.click();
    await page.waitForURL(new RegExp(`retailer=${id}`));
    await page.locator('[data-testid="phone-mode"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="phone-mode"]').innerText()).toContain(name);
    for (const code of productCodes) await page.locator(`[data-testid="qty-${code}-plus"]`).click();
    const put = page.waitForResponse(
      (r) =>
        r.url().includes(`/api/ordering/retailers/${id}/order`) && r.request().method() === 'PUT',
    );
    await page.locator('[data-testid="order-submit"]').click();
    expect((await put).status()).toBe(200);
    const summary = page.locator('[data-testid="order-summary"]');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('电话订货');
    await snap(page, 'desktop-ordering-phone', 'ordering-phone-order');

    // The county's cycle view: the retailer is ordered, by phone.
    await page.getByRole('tab', { name: '订货进度' }).click();
    await page.waitForURL(/\/ordering\/cycles$/);
    await page.getByRole('tab', { name: /^已订货/ }).click();
    await page.locator('[data-testid="progress-search"] input').fill(licenceNo);
    await page.locator('[data-testid="progress-search"] input').press('Enter');
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: licenceNo });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/已提交[\s\S]*电话订货/);
    const progress = await server.get<ProgressResponse>(
      am.cookie,
      `/api/ordering/cycles/${cycle.cycleId}/progress?countyCode=${xiaodian}&filter=ordered&q=${licenceNo}`,
    );
    expect(progress.page.items.map((r) => [r.retailerId, r.channel])).toEqual([[id, 'phone']]);

    // The county's orders download as a workbook.
    const download = page.waitForEvent('download');
    await page.locator('[data-testid="ordering-export"]').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    await page.close();

    // The evening goes on: more of the county orders (through the API, as their phones would)…
    const open = candidates.page.items.filter(
      (r) => r.ordering === 'allowed' && r.windowOpen && r.retailerId !== id,
    );
    const evening = open.slice(0, Math.ceil(open.length * 0.6));
    for (let i = 0; i < evening.length; i += 6) {
      await Promise.all(
        evening.slice(i, i + 6).map(async (r) => {
          const url = `/api/ordering/retailers/${r.retailerId}/order`;
          const view = await server.get<MyOrderResponse>(am.cookie, url);
          const lines = view.offer
            .filter((item) => item.available > 0)
            .slice(0, 3)
            .map((item) => ({ productCode: item.productCode, quantity: 1 }));
          if (lines.length) await call(am.cookie, 'PUT', url, { lines });
        }),
      );
    }
    // …and the planner's view of the county follows within one refresh, figures as the server's.
    await browser.context.clearCookies();
    const planner = await pageAs('xiaodian.planner', false);
    await planner.goto(`${server.baseUrl}/ordering/cycles`);
    await planner.locator('[data-testid="ordering-rate-gauge"] canvas').waitFor();
    await planner
      .locator('[data-testid="progress-table"] .ant-table-tbody tr.ant-table-row')
      .first()
      .waitFor();
    const county = (
      await server.get<ProgressResponse>(
        am.cookie,
        `/api/ordering/cycles/${cycle.cycleId}/progress?countyCode=${xiaodian}&pageSize=1`,
      )
    ).summary;
    expect(county.orderedRetailers).toBeGreaterThan(evening.length / 2);
    await expect
      .poll(async () =>
        digitsOf(
          await planner.locator('[data-testid="sum-ordered"] .ant-statistic-content').innerText(),
        ),
      )
      .toBe(county.orderedRetailers);
    expect(
      digitsOf(
        await planner.locator('[data-testid="sum-amount"] .ant-statistic-content').innerText(),
      ),
    ).toBe(county.amountFen);
    // Blocked retailers are marked red.
    await planner.getByRole('tab', { name: /^封控/ }).click();
    await expect
      .poll(() => planner.locator('.ant-table-tbody tr.tx-row-blocked').count())
      .toBeGreaterThan(0);
    await planner.getByRole('tab', { name: /^全部/ }).click();
    await snap(planner, 'desktop-ordering-county', 'ordering-county');
    await planner.close();
  }, 120_000);

  // Last: a new rule moves the county's windows, the current cycle's included.
  it('a planner sets the county’s ordering window on the settings tab', async () => {
    await browser.context.clearCookies();
    const planner = await pageAs('xiaodian.planner', false);
    await planner.goto(`${server.baseUrl}/ordering/cycles`);
    await planner.getByRole('tab', { name: '订货窗口设置' }).click();
    const kind = planner.locator('[data-testid="window-rule-kind"]');
    await expect.poll(() => kind.innerText()).toBe('使用默认规则');

    await pickOption(planner, 'rule-opens-day', '订货周前一周周五');
    // The time picker as a planner uses it with a keyboard: open it, type the time, confirm.
    await planner.locator('[data-testid="window-rule-form"] .ant-picker').first().click();
    await planner.keyboard.press('ControlOrMeta+A');
    await planner.keyboard.type('09:30');
    await planner.keyboard.press('Enter');
    await expect
      .poll(() =>
        planner.locator('[data-testid="window-rule-form"] .ant-picker input').first().inputValue(),
      )
      .toBe('09:30');
    const saved = planner.waitForResponse(
      (r) =>
        r.url().endsWith(`/api/ordering/window-rules/${xiaodian}`) &&
        r.request().method() === 'PUT',
    );
    await planner.locator('[data-testid="window-rule-save"]').click();
    expect((await saved).status()).toBe(200);
    await expect.poll(() => kind.innerText()).toBe('本区县规则');

    const { cookie } = await server.login('xiaodian.planner');
    const rule = await server.get<{ rule: Record<string, unknown>; isDefault: boolean }>(
      cookie,
      `/api/ordering/window-rules/${xiaodian}`,
    );
    expect(rule).toMatchObject({
      isDefault: false,
      rule: { opensDayOffset: -3, opensAt: '09:30', closesDaysBefore: 1, closesAt: '23:59' },
    });
    await snap(planner, 'desktop-ordering-window-rule');
    await planner.close();
  }, 60_000);
});
