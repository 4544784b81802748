import cliProgress from 'cli-progress';

/** A progress reporter for long CLI work: a bar per step on a terminal, plain lines otherwise. */
export function progressReporter() {
  const bars = new Map<string, cliProgress.SingleBar>();
  const interactive = Boolean(process.stderr.isTTY);
  let lastStep = '';
  return {
    update(step: string, done: number, total: number) {
      if (!interactive) {
        if (step !== lastStep || done === total) {
          if (done === total) process.stderr.write(`  ${step}: ${done}/${total}\n`);
          lastStep = step;
        }
        return;
      }
      let bar = bars.get(step);
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            format: `  ${step.padEnd(10)} [{bar}] {percentage}% {value}/{total}`,
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
        bars.set(step, bar);
      }
      bar.update(done);
      if (done >= total) bar.stop();
    },
    stop() {
      for (const bar of bars.values()) bar.stop();
    },
  };
}
