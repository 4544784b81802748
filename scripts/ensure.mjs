// Shared by `npm start` and `npm test`: install dependencies when missing or stale, and build the
// web app when its sources changed. Plain Node (no dependencies), since it runs before install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: false });
  if (result.status !== 0) {
    process.stderr.write(`\n${command} ${args.join(' ')} failed (exit ${result.status})\n`);
    process.exit(result.status ?? 1);
  }
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function newestUnder(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(full) : mtime(full));
  }
  return newest;
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    process.stderr.write(
      `Tongxin needs Node.js 20.19 or newer; this is ${process.versions.node}.\n`,
    );
    process.exit(1);
  }
}

/** `npm ci` when node_modules is missing or older than the lockfile. */
export function ensureInstalled() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (mtime(installed) === 0 || mtime(installed) < mtime(lock)) {
    process.stdout.write('Installing dependencies…\n');
    run(
      'npm',
      fs.existsSync(lock)
        ? ['ci', '--no-audit', '--no-fund']
        : ['install', '--no-audit', '--no-fund'],
    );
  }
}

/** `vite build` when dist/web is missing or older than the web sources and contracts. */
export function ensureWebBuilt() {
  const built = mtime(path.join(root, 'dist', 'web', 'index.html'));
  const sources = Math.max(
    newestUnder(path.join(root, 'src', 'web')),
    newestUnder(path.join(root, 'src', 'contracts')),
    mtime(path.join(root, 'vite.config.ts')),
  );
  if (built === 0 || built < sources) {
    process.stdout.write('Building the web app…\n');
    run(process.execPath, [
      path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--logLevel',
      'warn',
    ]);
  }
}
