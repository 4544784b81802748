// `npm start`: install if needed, build the web app if needed, then migrate, seed (first run) and serve.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { checkNode, ensureInstalled, ensureWebBuilt, root } from './ensure.mjs';

checkNode();
ensureInstalled();
ensureWebBuilt();

const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), 'serve', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
