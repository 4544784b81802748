import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekOf, shiftIsoWeek } from '../../src/server/modules/supply';
import { skipWithoutChromium, launchBrowser, snap } from './browser';
import { demoPassword, startDemoServer, type RunningServer } from './server';

interface PreviewBody {
  preview: {
    target: number;
    allocated: number;
    reserved: number;
    customers: number;
    blocked: number;
    grades: { grade: number; customers: number; quotaMax: number }[];
    cells: { key: string; quotas: number[] }[];
    reserve: { areaKey: string; retailers: number; quantity: number }[];
  };
}
interface BoardBody {
  rows: { productCode: string; productName: string; status: string }[];
}

const taiyuan = '140100';
const xiaodian = '140105';
// The demo publishes the current and the next week; the planner works on the one after.
const week = shiftIsoWeek(isoWeekOf(new Date()), 2);

async function logIn(page: Page, username: string) {
  await page.locator('[data-testid="login-username"]').fill(username);
  await page.locator('[data-testid="login-password"]').fill(demoPassword);
  await page.locator('[data-testid="login-submit"]').click();
}

/** The next live-preview answer whose request asked for this target. */
function previewFor(page: Page, target: number): Promise<Response> {
  return page.waitForResponse(
    (r) =>
      r.url().endsWith('/api/supply/preview') &&
      r.request().method() === 'POST' &&
      (JSON.parse(r.request().postData() ?? '{}') as { target?: number }).target === target,
  );
}

describe.skipIf(skipWithoutChromium())('browser journey: a planner releases a week', () => {
  let server: RunningServer;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let cookie: string;

  const api = async <T>(method: 'GET' | 'POST', url: string, body?: unknown) => {
    const response = await fetch(server.baseUrl + url, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    cookie = (await server.login('taiyuan')).cookie;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('builds a plan from the board, previews it live, publishes it; quotas follow', async () => {
    const board = await api<BoardBody>('GET', `/api/supply/board?cityCode=${taiyuan}&week=${week}`);
    // A spec of the board's first page with no plan yet.
    const spec = board.rows.slice(0, 50).find((r) => r.status === 'none')!;
    expect(spec).toBeDefined();

    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.evaluate("localStorage.setItem('tongxin.lang', 'zh-CN')");
    await page.reload();
    // Release plans are the city's: the city company's marketing centre builds them.
    await logIn(page, 'taiyuan.planner');
    await page.waitForURL(/\/overview$/);
    // The week board from the menu; two weeks on from the current one.
    await page.locator('[data-testid="side-menu"]').getByText('货源投放', { exact: true }).click();
    await page.waitForURL(/\/supply$/);
    await expect
      .poll(() => page.locator('[data-testid="supply-week"]').innerText())
      .toContain(isoWeekOf(new Date()));
    // One step at a time: a second click before the first has landed would be lost.
    await page.getByRole('button', { name: '下一周' }).click();
    await expect
      .poll(() => page.locator('[data-testid="supply-week"]').innerText())
      .toContain(shiftIsoWeek(isoWeekOf(new Date()), 1));
    await page.getByRole('button', { name: '下一周' }).click();
    await page.waitForURL(new RegExp(`week=${week}`));
    const row = page.locator('[data-testid="supply-board"] tr', { hasText: spec.productName });
    await row.first().waitFor();
    const first = previewFor(page, 1000);
    await row.first().dblclick();
    await page.waitForURL(/\/supply\/plans\/new\?/);

    // The planner sets the target; the preview follows without saving anything.
    const target = page.locator(
      '[data-testid="supply-target"] input, input[data-testid="supply-target"]',
    );
    const settled = previewFor(page, 24000);
    await first;
    await target.first().fill('24000');
    const live = (await (await settled).json()) as PreviewBody;
    expect(live.preview.target).toBe(24000);
    expect(live.preview.allocated + live.preview.reserved).toBeLessThanOrEqual(24000);
    expect(live.preview.customers).toBeGreaterThan(0);
    const card = page.locator('[data-testid="supply-preview"]');
    await expect
      .poll(() => card.innerText())
      .toContain(live.preview.customers.toLocaleString('zh-CN'));
    await expect.poll(() => card.locator('canvas').count()).toBeGreaterThan(0);
    await snap(page, 'supply-plan', 'supply-plan');

    // Save the draft, then publish it.
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/supply/plans') && r.request().method() === 'POST',
    );
    await page.locator('[data-testid="supply-save"]').click();
    const created = (await (await saved).json()) as { plan: { id: string } };
    expect((await saved).status()).toBe(201);
    await page.waitForURL(new RegExp(`/supply/plans/${created.plan.id}$`));
    const published = page.waitForResponse((r) =>
      r.url().endsWith(`/api/supply/plans/${created.plan.id}/publish`),
    );
    await page.locator('[data-testid="supply-publish"]').click();
    expect((await published).status()).toBe(200);
    await page.getByText('已发布的方案不可修改').waitFor();

    // Through the API: a Taiyuan shop's quota is its grade's quota in the published table.
    const frozen = await api<PreviewBody>('POST', `/api/supply/plans/${created.plan.id}/preview`);
    expect(frozen.preview.target).toBe(24000);
    const shops = await api<{ items: { id: string; grade: number; serviceState: string }[] }>(
      'GET',
      `/api/retailers?cityCode=${taiyuan}&gradeMin=12&pageSize=20`,
    );
    let checked = 0;
    for (const shop of shops.items) {
      const quotas = await api<{
        items: { productCode: string; quota: number; reason: string | null; planId: string }[];
      }>('GET', `/api/supply/retailers/${shop.id}/quotas?week=${week}`);
      const item = quotas.items.find((q) => q.productCode === spec.productCode)!;
      if (item.reason === 'region_blocked') continue;
      expect(item.planId).toBe(created.plan.id);
      expect(item.quota).toBe(frozen.preview.cells[0]!.quotas[shop.grade - 1]);
      expect(item.quota).toBeGreaterThan(0);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
    await page.close();
  }, 120_000);

  it('shows a sealed area leaving the counts and its share held in reserve', async () => {
    const board = await api<BoardBody>('GET', `/api/supply/board?cityCode=${taiyuan}&week=${week}`);
    const spec = board.rows.find((r) => r.status === 'none')!;
    const page = await browser.context.newPage();
    const open = async () => {
      const answer = previewFor(page, 1000);
      await page.goto(
        `${server.baseUrl}/supply/plans/new?city=${taiyuan}&week=${week}&product=${spec.productCode}`,
      );
      return (await (await answer).json()) as PreviewBody;
    };
    const before = await open();

    const { area } = await api<{ area: { id: string } }>('POST', '/api/areas', {
      scheme: 'epidemic-2022',
      status: 'sealed',
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      name: '小店区全域封控（浏览器测试）',
      notice: { number: '并疫指〔2022〕e2e号' },
      countyCodes: [xiaodian],
    });
    const after = await open();
    const held = after.preview.reserve.find((r) => r.areaKey === area.id);
    expect(held).toBeDefined();
    expect(held!.retailers).toBeGreaterThan(100);
    expect(held!.quantity).toBeGreaterThan(0);
    // Shops an earlier demo area already held move under the new, stricter one.
    expect(after.preview.blocked).toBeGreaterThan(before.preview.blocked);
    expect(after.preview.blocked).toBeGreaterThanOrEqual(held!.retailers);
    expect(after.preview.customers).toBeLessThan(before.preview.customers);
    expect(after.preview.reserved).toBeGreaterThan(before.preview.reserved);
    const card = page.locator('[data-testid="supply-preview"]');
    await expect.poll(() => card.innerText()).toContain(String(held!.retailers));
    await card.locator('.ant-table').scrollIntoViewIfNeeded();
    await snap(page, 'supply-plan-sealed', 'supply-plan-sealed');
    await page.close();
  }, 120_000);

  it('shows a county planner the board read-only, saying the city plans', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await logIn(page, 'xiaodian.planner');
    await page.waitForURL(/\/overview$/);
    await page.goto(`${server.baseUrl}/supply?city=${taiyuan}&week=${week}`);
    await expect
      .poll(() => page.locator('[data-testid="supply-county-read-only"]').innerText())
      .toContain('市公司编制和发布');
    expect(await page.getByRole('button', { name: '新建方案' }).count()).toBe(0);
    await page.close();
  }, 60_000);
});
