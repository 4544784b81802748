import { parseArgs } from 'node:util';
import { seedDemo } from '../../server/flows/demo';
import { clockFrom } from '../../server/platform/clock';
import { loadConfig } from '../../server/platform/config';
import { openDatabase } from '../../server/platform/db/database';
import { migrateToLatest } from '../../server/platform/db/migrate';
import { progressReporter } from '../progress';

export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '2022' },
      /** Also place the open cycle's first orders (as the server's demo does). */
      orders: { type: 'boolean', default: false },
    },
  });
  if (values.scale !== 'small' && values.scale !== 'full') {
    process.stderr.write('--scale must be small or full\n');
    return 2;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) {
    process.stderr.write('--seed must be a non-negative integer\n');
    return 2;
  }
  const config = loadConfig();
  const handle = openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    slowQueryMs: config.slowQueryMs,
  });
  const progress = progressReporter();
  try {
    await migrateToLatest(handle.db);
    const started = Date.now();
    const summary = await seedDemo(handle.db, {
      scale: values.scale,
      seed,
      orders: values.orders,
      // `TONGXIN_CLOCK` sets the demo's week, as the server's clock does.
      now: clockFrom(config.clock)(),
      onProgress: progress.update,
    });
    progress.stop();
    if (!summary.seeded) {
      process.stderr.write(
        'The database already holds an org tree; the demo seeds only an empty database.\n',
      );
      return 1;
    }
    process.stdout.write(
      `Seeded ${summary.retailers} retailers, ${summary.staff} staff, ${summary.products} brand-specs in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}
