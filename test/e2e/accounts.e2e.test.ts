import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutChromium, launchBrowser, snap } from './browser';
import { demoPassword, startDemoServer, type RunningServer } from './server';

async function logIn(page: Page, baseUrl: string, username: string, password = demoPassword) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('[data-testid="login-username"]').fill(username);
  await page.locator('[data-testid="login-password"]').fill(password);
  await page.locator('[data-testid="login-submit"]').click();
}

describe.skipIf(skipWithoutChromium())('browser journey: accounts and sessions', () => {
  let server: RunningServer;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('tells the owner of failed attempts, then lets them change their password', async () => {
    for (let i = 0; i < 2; i++) {
      const refused = await fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'analyst', password: `wrong-pass-${i}` }),
      });
      expect(refused.status).toBe(401);
    }
    await logIn(page, server.baseUrl, 'analyst');
    const notice = page.locator('[data-testid="failed-login-notice"]');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('2 次登录失败');
    await snap(page, 'accounts-failed-login-notice');
    await notice.locator('.ant-notification-notice-close').click();

    await page.locator('[data-testid="change-password"]').click();
    await page.locator('[data-testid="password-current"]').fill(demoPassword);
    await page.locator('[data-testid="password-new"]').fill('Better-pass-42');
    await page.locator('[data-testid="password-confirm"]').fill('Better-pass-42');
    await page.locator('[data-testid="password-submit"]').click();
    await page.getByText('密码已修改').waitFor();
    await snap(page, 'accounts-password-changed');
    await browser.context.clearCookies();
  }, 90_000);

  it('lets the administrator disable a user, whose session ends at once', async () => {
    const keeper = await server.login('taiyuan.keeper');
    await server.get(keeper.cookie, '/api/auth/me');
    await logIn(page, server.baseUrl, 'admin');
    await page.getByTestId('page-title').waitFor();
    await page.goto(`${server.baseUrl}/admin/users`);
    await page.locator('[data-testid="users-search"] input').fill('taiyuan.keeper');
    await page.locator('[data-testid="users-search"] input').press('Enter');
    await page.locator('[data-testid="disable-taiyuan.keeper"]').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.locator('[data-testid="enable-taiyuan.keeper"]').waitFor();
    await snap(page, 'accounts-user-disabled');
    await expect(server.get(keeper.cookie, '/api/auth/me')).rejects.toThrow(/401/);
  }, 90_000);
});
