import { parseArgs } from 'node:util';
import { demoLogins } from '../../server/flows/demo';
import { startServer } from '../../server/main';
import { loadConfig } from '../../server/platform/config';
import { progressReporter } from '../progress';

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, scale: { type: 'string' } },
  });
  const config = loadConfig();
  if (values.port) config.port = Number(values.port);
  if (values.scale === 'full' || values.scale === 'small') config.demoScale = values.scale;
  const progress = progressReporter();
  const { demo, close, handle } = await startServer({ config, onSeedProgress: progress.update });
  progress.stop();
  const url = `http://localhost:${config.port}`;
  process.stdout.write(`\nTongxin 同心 is serving ${url} (database: ${handle.dialect})\n`);
  process.stdout.write(`API documentation: ${url}/api/docs\n`);
  if (config.demo && demo) {
    if (demo.seeded) {
      process.stdout.write(
        `Seeded the demo province: ${demo.retailers} retailers, ${demo.staff} staff, ${demo.products} brand-specs.\n`,
      );
    }
    process.stdout.write(`\nDemo log-ins (password for all: ${demo.password}):\n`);
    for (const login of demoLogins()) {
      process.stdout.write(
        `  ${login.username.padEnd(18)} ${login.role.padEnd(22)} ${login.note}\n`,
      );
    }
  }
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Keep running until a signal arrives.
  await new Promise(() => {});
  return 0;
}
