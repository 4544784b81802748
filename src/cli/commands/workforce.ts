import os from 'node:os';
import { parseArgs } from 'node:util';
import { actorForUsername } from '../../server/modules/identity';
import { createOrgState } from '../../server/modules/org';
import { purgeHealthReports } from '../../server/modules/workforce';
import { loadConfig } from '../../server/platform/config';
import { openDatabase } from '../../server/platform/db/database';
import { migrateToLatest } from '../../server/platform/db/migrate';

const usage = `Usage: tongxin workforce purge --by USERNAME [--now ISO-INSTANT]

  purge   delete health reports older than the retention setting (default 30 days),
          keeping anonymous daily counts, and strip health facts from audit entries of the
          same age; the server also runs it every night at 03:15.
          --by names the user on whose authority it runs (an enabled account); the audit
          entry records that user and the operating-system account that ran the command
`;

export async function workforceCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'purge') {
    process.stderr.write(usage);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { now: { type: 'string' }, by: { type: 'string' } },
  });
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    process.stderr.write('--now must be an ISO instant such as 2022-05-01T00:00:00Z\n');
    return 2;
  }
  // A manual purge deletes personal data: it must be attributable to a person, not just a shell.
  if (!values.by) {
    process.stderr.write(`--by USERNAME is required\n\n${usage}`);
    return 2;
  }
  const config = loadConfig();
  const handle = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  try {
    await migrateToLatest(handle.db);
    const actor = await actorForUsername(handle.db, createOrgState(handle.db), values.by);
    if (!actor) {
      process.stderr.write(`--by ${values.by}: no such enabled user\n`);
      return 2;
    }
    const result = await purgeHealthReports(handle.db, now, {
      actor,
      via: 'cli',
      osUser: os.userInfo().username,
    });
    process.stdout.write(
      `Purged ${result.purged} health reports dated before ${result.before}; ${result.rolledUpDays} days kept as anonymous counts; health facts stripped from ${result.auditStripped} audit entries.\n`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}
