import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../src/server/main';
import { loadConfig } from '../../src/server/platform/config';

export interface RunningServer {
  baseUrl: string;
  /** Logs in through the API and returns the session cookie header for further API calls. */
  login: (username: string) => Promise<{ cookie: string; user: { retailerId: string | null } }>;
  get: <T>(cookie: string, url: string) => Promise<T>;
  close: () => Promise<void>;
}

export const demoPassword = 'Tongxin2022';

/** The real server, with the demo seeded into a fresh SQLite file, on a random port. */
export async function startDemoServer(): Promise<RunningServer> {
  if (!fs.existsSync(path.resolve('dist/web/index.html'))) {
    throw new Error('dist/web is missing: run `npx vite build` before the browser journey');
  }
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-e2e-'));
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    TONGXIN_VAR_DIR: varDir,
    TONGXIN_DEMO: 'on',
    DATABASE_URL: '',
    // One address logs in as every demo user within a minute; the per-address limit has its
    // own HTTP tests, and the per-account lockout still applies.
    TONGXIN_LOGIN_ATTEMPTS_PER_MINUTE: '600',
  });
  const server = await startServer({ config });
  const { port } = server.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    async login(username) {
      const response = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: demoPassword }),
      });
      if (!response.ok) throw new Error(`log-in of ${username} failed: ${response.status}`);
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const body = (await response.json()) as { user: { retailerId: string | null } };
      return { cookie, user: body.user };
    },
    async get<T>(cookie: string, url: string) {
      const response = await fetch(baseUrl + url, { headers: { cookie } });
      if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async close() {
      await server.close();
      fs.rmSync(varDir, { recursive: true, force: true });
    },
  };
}
