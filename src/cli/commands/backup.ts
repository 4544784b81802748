import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../../server/platform/config';

/**
 * `tongxin backup FILE`: SQLite's online backup API copies a consistent snapshot page by page
 * while the server keeps serving (readers and the writer are not blocked for the whole copy).
 */
export async function backupCommand(args: string[]): Promise<number> {
  const [target] = args;
  if (!target) {
    process.stderr.write('usage: tongxin backup FILE\n');
    return 2;
  }
  const config = loadConfig();
  if (config.databaseUrl) {
    process.stderr.write(
      'backup is for the embedded SQLite database; use pg_dump for PostgreSQL\n',
    );
    return 2;
  }
  if (!fs.existsSync(config.sqlitePath)) {
    process.stderr.write(`no database at ${config.sqlitePath}\n`);
    return 1;
  }
  const destination = path.resolve(target);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const db = new SQLite(config.sqlitePath, { readonly: true });
  try {
    await db.backup(destination);
  } finally {
    db.close();
  }
  process.stdout.write(`Backed up ${config.sqlitePath} to ${destination}\n`);
  return 0;
}

/** `tongxin restore FILE`: replaces the SQLite database with a backup (stop the server first). */
export async function restoreCommand(args: string[]): Promise<number> {
  const [source] = args;
  if (!source || !fs.existsSync(source)) {
    process.stderr.write('usage: tongxin restore FILE (an existing backup file)\n');
    return 2;
  }
  const config = loadConfig();
  if (config.databaseUrl) {
    process.stderr.write(
      'restore is for the embedded SQLite database; use pg_restore for PostgreSQL\n',
    );
    return 2;
  }
  const check = new SQLite(source, { readonly: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') {
      process.stderr.write(`the backup fails its integrity check: ${String(result)}\n`);
      return 1;
    }
  } finally {
    check.close();
  }
  fs.mkdirSync(path.dirname(config.sqlitePath), { recursive: true });
  // Restore through the backup API into the live file so WAL and shared-memory files stay consistent.
  const src = new SQLite(source, { readonly: true });
  try {
    for (const suffix of ['-wal', '-shm']) fs.rmSync(config.sqlitePath + suffix, { force: true });
    await src.backup(config.sqlitePath);
  } finally {
    src.close();
  }
  process.stdout.write(`Restored ${config.sqlitePath} from ${path.resolve(source)}\n`);
  return 0;
}
