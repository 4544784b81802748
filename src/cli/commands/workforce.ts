import { parseArgs } from 'node:util';
import { purgeHealthReports } from '../../server/modules/workforce';
import { loadConfig } from '../../server/platform/config';
import { openDatabase } from '../../server/platform/db/database';
import { migrateToLatest } from '../../server/platform/db/migrate';

const usage = `Usage: tongxin workforce purge [--now ISO-INSTANT]

  purge   delete health reports older than the retention setting (default 30 days),
          keeping anonymous daily counts; the server also runs it every night at 03:15
`;

export async function workforceCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'purge') {
    process.stderr.write(usage);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { now: { type: 'string' } } });
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    process.stderr.write('--now must be an ISO instant such as 2022-05-01T00:00:00Z\n');
    return 2;
  }
  const config = loadConfig();
  const handle = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  try {
    await migrateToLatest(handle.db);
    const result = await purgeHealthReports(handle.db, now);
    process.stdout.write(
      `Purged ${result.purged} health reports dated before ${result.before}; ${result.rolledUpDays} days kept as anonymous counts.\n`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}
