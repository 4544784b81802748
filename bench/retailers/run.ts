/**
 * Retailer-list latency at full demo scale under concurrent clients, and the server's resident
 * memory when idle. The server runs as its own process (as in production); this process is the
 * load. `npx tsx bench/retailers/run.ts [--clients 32] [--seconds 20] [--database-url …]`.
 * Targets (issue 2): p99 < 100 ms with 32 concurrent clients; idle RSS < 500 MB. On a fresh var
 * dir the server seeds the full demo first (with its ~78,000 orders), as `npm start` would; the
 * idle figures are then of a server that seeded. `idleMemory` is what the server says it holds
 * (`GET /api/health/memory`: heap, ordering ledgers) when idle.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { percentile, round, rssMb } from '../support/stats';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '20' },
    port: { type: 'string', default: '18431' },
    'var-dir': { type: 'string', default: 'var/bench-full' },
    'database-url': { type: 'string' },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const base = `http://127.0.0.1:${values.port}`;

async function waitForHealth(deadlineMs: number) {
  while (Date.now() < deadlineMs) {
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not start');
}

const countyCodes = JSON.parse(fs.readFileSync('data/divisions.json', 'utf8')).counties.map(
  (c: { code: string }) => c.code,
) as string[];
const businessTypes = ['grocery', 'convenience', 'supermarket', 'tobacco_liquor', 'entertainment'];
const fragments = ['便利', '超市', '王', '烟酒', '福', '商店', '张', '隆'];

// The mix a day of real use produces: browsing pages, filtering by place and grade, searching.
function randomQuery(i: number): string {
  const county = countyCodes[i % countyCodes.length]!;
  switch (i % 8) {
    case 0:
      return `page=${1 + (i % 50)}&pageSize=20`;
    case 1:
      return `countyCode=${county}&pageSize=20`;
    case 2:
      return `countyCode=${county}&gradeMin=10&gradeMax=20&pageSize=50`;
    case 3:
      return `cityCode=${county.slice(0, 4)}00&businessType=${businessTypes[i % businessTypes.length]}&page=2`;
    case 4:
      return `q=${encodeURIComponent(fragments[i % fragments.length]!)}&countyCode=${county}`;
    case 5:
      return `sort=-grade&countyCode=${county}`;
    case 6:
      return `q=${encodeURIComponent(fragments[i % fragments.length]!)}`;
    default:
      return `gradeMin=25&pageSize=20&page=${1 + (i % 10)}`;
  }
}

/** What the server says it holds (administrators only). */
async function memoryOf(): Promise<unknown> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Tongxin2022' }),
  });
  const { token } = (await login.json()) as { token: string };
  const response = await fetch(`${base}/api/health/memory`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return response.json();
}

async function main() {
  const varDir = path.resolve(values['var-dir']);
  const env = {
    ...process.env,
    PORT: values.port,
    HOST: '127.0.0.1',
    TONGXIN_VAR_DIR: varDir,
    TONGXIN_DEMO_SCALE: 'full',
    LOG_LEVEL: 'warn',
    ...(values['database-url'] ? { DATABASE_URL: values['database-url'] } : {}),
  };
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    // A full seed on a busy machine takes minutes.
    await waitForHealth(Date.now() + 900_000);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'analyst', password: 'Tongxin2022' }),
    });
    const { token } = (await login.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    // Warm-up, then let the heap settle before reading idle memory.
    for (let i = 0; i < 200; i++)
      await (await fetch(`${base}/api/retailers?${randomQuery(i)}`, { headers })).arrayBuffer();
    await new Promise((r) => setTimeout(r, 3000));
    const idleRss = rssMb(server.pid!);
    const idleMemory = await memoryOf();

    const latencies: number[] = [];
    let errors = 0;
    let counter = 0;
    const stopAt = Date.now() + seconds * 1000;
    let peakRss = idleRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, rssMb(server.pid!));
    }, 500);
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < stopAt) {
          const query = randomQuery(counter++);
          const started = performance.now();
          const response = await fetch(`${base}/api/retailers?${query}`, { headers });
          await response.arrayBuffer();
          latencies.push(performance.now() - started);
          if (!response.ok) errors++;
        }
      }),
    );
    clearInterval(sampler);
    const figures = {
      bench: 'retailers',
      database: values['database-url'] ? 'postgres' : 'sqlite',
      retailers: 'full',
      clients,
      seconds,
      requests: latencies.length,
      errors,
      requestsPerSecond: round(latencies.length / seconds),
      p50Ms: round(percentile(latencies, 50), 2),
      p90Ms: round(percentile(latencies, 90), 2),
      p99Ms: round(percentile(latencies, 99), 2),
      maxMs: round(Math.max(...latencies), 2),
      idleRssMb: idleRss,
      idleMemory,
      peakRssUnderLoadMb: peakRss,
      targetP99Ms: 100,
      p99RatioToTarget: round(percentile(latencies, 99) / 100, 3),
      targetIdleRssMb: 500,
      idleRssRatioToTarget: round(idleRss / 500, 3),
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
