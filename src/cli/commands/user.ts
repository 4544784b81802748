import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { createUser, setUserDisabled } from '../../server/modules/identity';
import { createOrgState } from '../../server/modules/org';
import { isRole } from '../../server/platform/auth/roles';
import { loadConfig, newPasswordOf } from '../../server/platform/config';
import { openDatabase } from '../../server/platform/db/database';
import { migrateToLatest } from '../../server/platform/db/migrate';
import { AppError } from '../../server/platform/errors';
import { seedOrgIfEmpty } from '../../server/flows/bootstrap';

async function readPassword(): Promise<string> {
  const given = newPasswordOf();
  if (given) return given;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question('Password: ')).trim();
  } finally {
    rl.close();
  }
}

/**
 * `tongxin user disable|enable --username U`: the operator's way to shut an account (and end its
 * sessions) without the web app, e.g. when the only administrator's password is suspected leaked.
 * Audited with no actor: whoever runs the CLI holds the server's database credentials.
 */
async function disableCommand(args: string[], disabled: boolean): Promise<number> {
  const { values } = parseArgs({ args, options: { username: { type: 'string' } } });
  if (!values.username) {
    process.stderr.write(`usage: tongxin user ${disabled ? 'disable' : 'enable'} --username U\n`);
    return 2;
  }
  const config = loadConfig();
  const handle = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  try {
    await migrateToLatest(handle.db);
    const result = await setUserDisabled(
      { db: handle.db, actor: null },
      { username: values.username },
      disabled,
      null,
    );
    process.stdout.write(
      disabled
        ? `Disabled ${result.username}; ended ${result.sessionsRevoked} session(s).\n`
        : `Enabled ${result.username}.\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`${error.code}: no such user ${values.username}\n`);
      return 2;
    }
    throw error;
  } finally {
    await handle.close();
  }
}

/**
 * `tongxin user create --username U --role R [--unit CODE] [--name N] [--retailer ID|LICENCE]`
 * (password asked, or from TONGXIN_NEW_PASSWORD). A retailer account needs `--retailer`: without
 * its shop it would have no data scope at all.
 */
export async function userCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'disable' || sub === 'enable') return disableCommand(rest, sub === 'disable');
  if (sub !== 'create') {
    process.stderr.write(
      'usage: tongxin user create --username U --role R [--unit CODE] [--name N] [--retailer ID|LICENCE]\n' +
        '       tongxin user disable|enable --username U\n',
    );
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      name: { type: 'string' },
      retailer: { type: 'string' },
    },
  });
  if (!values.username || !values.role || !isRole(values.role)) {
    process.stderr.write('--username and a valid --role are required\n');
    return 2;
  }
  // Checked before the database is opened or a password asked for (the service checks it again).
  if (values.role === 'retailer' && !values.retailer) {
    process.stderr.write(
      'a retailer account must be linked to its shop: --retailer <retailer id or licence number>\n',
    );
    return 2;
  }
  const config = loadConfig();
  const handle = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  try {
    await migrateToLatest(handle.db);
    // A fresh deployment has no org tree yet: the reference divisions ship with the product.
    await seedOrgIfEmpty(handle.db);
    const password = await readPassword();
    // No app here: a directory of its own, built after the seed so it sees the org tree.
    const { id } = await createUser(
      handle.db,
      createOrgState(handle.db),
      {
        username: values.username,
        password,
        displayName: values.name ?? values.username,
        role: values.role,
        ...(values.unit ? { unitCode: values.unit } : {}),
        ...(values.retailer ? { retailerId: values.retailer } : {}),
      },
      null,
    );
    process.stdout.write(`Created user ${values.username} (${id}).\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(
        `${error.code}: ${JSON.stringify(error.details ?? error.params ?? '')}\n`,
      );
      return 2;
    }
    throw error;
  } finally {
    await handle.close();
  }
}
