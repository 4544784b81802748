import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutChromium, launchBrowser, snap } from './browser';
import { demoPassword, startDemoServer, type RunningServer } from './server';

interface Effective {
  place: { ordering: string; delivery: string; status: string | null; areaIds: string[] };
}
interface Impact {
  retailers: { total: number };
  staffHomes: number;
}
interface DisruptionOverview {
  counties: {
    countyCode: string;
    sealedAreas: number;
    retailersBlocked: number;
    staffCannotCommute: number;
  }[];
}

const xiaodian = '140105';

async function logIn(page: Page, username: string) {
  await page.locator('[data-testid="login-username"]').fill(username);
  await page.locator('[data-testid="login-password"]').fill(demoPassword);
  await page.locator('[data-testid="login-submit"]').click();
}

/** Pixel of a longitude/latitude in Leaflet's Web Mercator at a zoom, relative to the world's corner. */
function mercator(lng: number, lat: number, zoom: number): { x: number; y: number } {
  const scale = 256 * 2 ** zoom;
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    x: scale * (0.5 + lng / 360),
    y: scale * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)),
  };
}

describe.skipIf(skipWithoutChromium())('browser journey: the disruption layer', () => {
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

  it('a city manager seals part of 小店区, sees it on the overview, and ends it', async () => {
    const { cookie } = await server.login('taiyuan');
    const sample = await server.get<{ items: { id: string }[] }>(
      cookie,
      `/api/retailers?countyCode=${xiaodian}&pageSize=1`,
    );
    const retailerId = sample.items[0]!.id;
    const { retailer } = await server.get<{ retailer: { lat: number; lon: number } }>(
      cookie,
      `/api/retailers/${retailerId}`,
    );
    const effective = () =>
      server.get<Effective>(cookie, `/api/places/effective?type=retailer&id=${retailerId}`);
    const before = (await effective()).place;
    expect(before.ordering).not.toBe('blocked');

    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.evaluate("localStorage.setItem('tongxin.lang', 'zh-CN')");
    await page.reload();
    await logIn(page, 'taiyuan');
    await page.waitForURL(/\/overview$/);
    await page.locator('[data-testid="side-menu"]').getByText('区域管控', { exact: true }).click();
    await page.waitForURL(/\/disruption$/);

    // Draw a square around the retailer with geoman's polygon tool. The map opens on a fixed view
    // (37.85 N, 112.56 E, zoom 10) and zooms about its centre, so a coordinate's pixel follows
    // from Web Mercator.
    const mapBox = (await page.locator('[data-testid="area-map"]').boundingBox())!;
    await page.locator('.leaflet-pm-icon-polygon').waitFor();
    const zoom = 12;
    for (let level = 10; level < zoom; level += 1) {
      await page.locator('.leaflet-control-zoom-in').click();
      await page.waitForTimeout(500); // the zoom animation
    }
    const centre = mercator(112.56, 37.85, zoom);
    const pixel = (lng: number, lat: number) => {
      const p = mercator(lng, lat, zoom);
      return {
        x: mapBox.x + mapBox.width / 2 + (p.x - centre.x),
        y: mapBox.y + mapBox.height / 2 + (p.y - centre.y),
      };
    };
    const d = 0.012;
    const corners = [
      pixel(retailer.lon - d, retailer.lat + d),
      pixel(retailer.lon + d, retailer.lat + d),
      pixel(retailer.lon + d, retailer.lat - d),
      pixel(retailer.lon - d, retailer.lat - d),
    ];
    for (const corner of corners) {
      expect(corner.x).toBeGreaterThan(mapBox.x + 60); // clear of the toolbar
      expect(corner.x).toBeLessThan(mapBox.x + mapBox.width);
      expect(corner.y).toBeGreaterThan(mapBox.y);
      expect(corner.y).toBeLessThan(mapBox.y + mapBox.height);
    }
    await page.locator('.leaflet-pm-icon-polygon').click();
    const impactResponse = page.waitForResponse(
      (response) => response.url().endsWith('/api/areas/impact') && response.ok(),
    );
    // Alt held down turns geoman's snapping off: otherwise vertices jump to nearby county borders.
    await page.keyboard.down('Alt');
    for (const corner of corners) {
      await page.mouse.click(corner.x, corner.y);
      await page.waitForTimeout(150);
    }
    await page.keyboard.up('Alt');
    await page.locator('.leaflet-pm-actions-container .action-finish').click();
    const asked = (await impactResponse).request().postDataJSON() as {
      geometry: { coordinates: [number, number][][] };
    };
    // Four corners and the closing point: every click landed as a vertex.
    expect(asked.geometry.coordinates[0]).toHaveLength(5);
    const intended = [
      [retailer.lon - d, retailer.lat + d],
      [retailer.lon + d, retailer.lat + d],
      [retailer.lon + d, retailer.lat - d],
      [retailer.lon - d, retailer.lat - d],
    ];
    for (const [i, [lon, lat]] of intended.entries()) {
      const [gotLon, gotLat] = asked.geometry.coordinates[0]![i]!;
      // Within a couple of pixels (a pixel is about 0.0003 degrees at zoom 12).
      expect(Math.abs(gotLon - lon!)).toBeLessThan(0.001);
      expect(Math.abs(gotLat - lat!)).toBeLessThan(0.001);
    }
    const impact = (await (await impactResponse).json()) as Impact;
    expect(impact.retailers.total).toBeGreaterThan(0);

    // The impact shows before saving: the retailers and staff homes the server counted.
    const panel = page.locator('[data-testid="impact-panel"]');
    await panel.waitFor();
    const impactText = await panel.innerText();
    expect(impactText).toMatch(new RegExp(`零售户\\s*${impact.retailers.total}\\b`));
    expect(impactText).toMatch(new RegExp(`员工住址\\s*${impact.staffHomes}\\b`));
    await snap(page, 'desktop-disruption-draw', 'disruption-draw');

    const name = `e2e 小店区封控 ${Date.now()}`;
    await page.locator('[data-testid="area-name"]').fill(name);
    const created = page.waitForResponse(
      (response) => response.url().endsWith('/api/areas') && response.request().method() === 'POST',
    );
    await page.locator('[data-testid="area-save"]').click();
    const saved = (await (await created).json()) as { area: { id: string } };
    expect((await created).ok()).toBe(true);
    await page.locator('.ant-message-success').waitFor();

    // The retailer inside can neither order nor receive deliveries while the area is in force.
    const sealed = (await effective()).place;
    expect(sealed.ordering).toBe('blocked');
    expect(sealed.delivery).toBe('none');
    expect(sealed.areaIds).toContain(saved.area.id);

    // The overview map outlines the county and the card lists it with the server's counts.
    const overview = await server.get<DisruptionOverview>(cookie, '/api/disruption/overview');
    const county = overview.counties.find((c) => c.countyCode === xiaodian)!;
    expect(county.sealedAreas).toBeGreaterThan(0);
    expect(county.retailersBlocked).toBeGreaterThan(0);
    await page.locator('[data-testid="side-menu"]').getByText('总览', { exact: true }).click();
    await page.waitForURL(/\/overview$/);
    await page.locator('[data-testid="overview-map"] canvas').first().waitFor();
    const card = page.locator('[data-testid="overview-disruption"]');
    const row = card.locator('.ant-table-tbody tr', { hasText: '小店区' });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[1]).toBe('封控');
    expect(Number(cells[3]!.replace(/\D/g, ''))).toBe(county.retailersBlocked);
    expect(Number(cells[5]!.replace(/\D/g, ''))).toBe(county.staffCannotCommute);
    await snap(page, 'desktop-overview-disruption', 'overview-disruption');

    // End the area from the list: the retailer is back to what it was.
    await page.locator('[data-testid="side-menu"]').getByText('区域管控', { exact: true }).click();
    await page.waitForURL(/\/disruption$/);
    await page.getByRole('tab', { name: '区域列表' }).click();
    const areaRow = page.locator('.ant-table-tbody tr', { hasText: name });
    await areaRow.locator('[data-testid="area-end"]').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await expect.poll(async () => areaRow.locator('[data-testid="area-end"]').count()).toBe(0);
    const restored = (await effective()).place;
    expect(restored.ordering).toBe(before.ordering);
    expect(restored.delivery).toBe(before.delivery);
    expect(restored.areaIds).not.toContain(saved.area.id);
    await page.close();
  }, 60_000);

  it('shows an area’s name on the map as text, never as markup', async () => {
    // An area at the map's opening centre, in force since before the demo's clock, named like
    // an injection attempt.
    const name = '<img src=x onerror="window.__injected=1">';
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'taiyuan', password: demoPassword }),
    });
    const { token } = (await login.json()) as { token: string };
    const created = await fetch(`${server.baseUrl}/api/areas`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        scheme: 'epidemic-2022',
        status: 'controlled',
        validFrom: '2022-01-01T00:00:00Z',
        name,
        circle: { center: [112.56, 37.85], radiusM: 4000 },
      }),
    });
    expect(created.status).toBe(200);

    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.evaluate("localStorage.setItem('tongxin.lang', 'zh-CN')");
    await page.reload();
    await logIn(page, 'taiyuan');
    await page.waitForURL(/\/overview$/);
    await page.locator('[data-testid="side-menu"]').getByText('区域管控', { exact: true }).click();
    await page.waitForURL(/\/disruption$/);
    const map = page.locator('[data-testid="area-map"]');
    await page.locator('.leaflet-interactive').first().waitFor({ state: 'attached' });
    const box = (await map.boundingBox())!;
    // The map opens centred on (37.85 N, 112.56 E): the circle lies under the middle. Hover
    // until its tooltip shows (the areas arrive after the map).
    const tooltip = page.locator('.leaflet-tooltip', { hasText: 'onerror' });
    await expect
      .poll(
        async () => {
          await page.mouse.move(box.x + box.width / 2 - 4, box.y + box.height / 2);
          await page.mouse.move(box.x + box.width / 2 + 4, box.y + box.height / 2 + 4);
          return tooltip.count();
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    expect(await tooltip.innerText()).toContain(name);
    expect(await tooltip.locator('img').count()).toBe(0);
    expect(await page.evaluate('window.__injected')).toBeUndefined();
    await page.close();
  }, 60_000);

  it('a staff member on a phone files the daily health report and sees it accepted', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/login`);
    await page.evaluate("localStorage.setItem('tongxin.lang', 'zh-CN')");
    await page.reload();
    await logIn(page, 'xiaodian.staff');
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(`${server.baseUrl}/workforce/report`);
    const form = page.locator('[data-testid="health-report-form"]');
    await form.waitFor();
    // The form starts from sensible defaults; the staff member says where they are and a
    // temperature of their own, and submits (the demo may already hold a report for today:
    // submitting again replaces it, keeping the old one in the history).
    const location = `小店区 坞城路 ${Date.now() % 10_000}`;
    await form.locator('input').first().fill(location);
    await form.locator('.ant-input-number input').fill('36.9');
    const posted = page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/workforce/health-reports') &&
        response.request().method() === 'POST',
    );
    await page.locator('[data-testid="health-report-submit"]').click();
    const response = await posted;
    expect(response.ok()).toBe(true);
    const { report } = (await response.json()) as {
      report: { date: string; location: string; temperature: number; current: boolean };
    };
    expect(report).toMatchObject({ location, temperature: 36.9, current: true });

    // Accepted: the banner says so and the history's newest entry is this report.
    const accepted = page.locator('[data-testid="health-report-accepted"]');
    await accepted.waitFor();
    expect(await accepted.innerText()).toContain('今日日报已提交');
    await expect
      .poll(() => page.locator('.ant-list-item').first().innerText())
      .toMatch(new RegExp(`${report.date}[\\s\\S]*36\\.9 °C`));
    const { cookie } = await server.login('xiaodian.staff');
    const me = await server.get<{ today: { location: string } | null }>(
      cookie,
      '/api/workforce/me',
    );
    expect(me.today?.location).toBe(location);
    await snap(page, 'phone-health-report', 'phone-health-report');
    await page.close();
  }, 60_000);
});
