import { parseArgs } from 'node:util';
import { loadConfig } from '../../server/platform/config';
import { openDatabase } from '../../server/platform/db/database';
import { migrateDown, migrateToLatest } from '../../server/platform/db/migrate';

export async function migrateCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { down: { type: 'boolean' } } });
  const config = loadConfig();
  const handle = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  try {
    const names = values.down ? await migrateDown(handle.db) : await migrateToLatest(handle.db);
    process.stdout.write(
      names.length === 0
        ? 'Nothing to do.\n'
        : `${values.down ? 'Rolled back' : 'Applied'}: ${names.join(', ')}\n`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}
