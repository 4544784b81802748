// `npm test`: install if needed, build the web app (the browser journeys use it), run the suite.
// TEST_DATABASE_URL=postgres://… runs the database tests on PostgreSQL instead of SQLite.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { checkNode, ensureInstalled, ensureWebBuilt, root } from './ensure.mjs';

checkNode();
ensureInstalled();
ensureWebBuilt();

const result = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
