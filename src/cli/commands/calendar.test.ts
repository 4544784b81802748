import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { calendarCommand } from './calendar';

const dir = mkdtempSync(join(tmpdir(), 'tongxin-calendar-'));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await calendarCommand(args), out, err };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('tongxin calendar', () => {
  it('prints the 清明 window of 2022-W14 from the shipped holiday data', async () => {
    const { code, out } = await run(['window', '--week', '2022-W14', '--order-day', '2']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      week: '2022-W14',
      scheduledDate: '2022-04-05',
      orderDate: '2022-04-06',
      shifted: true,
      holiday: '清明节',
      opensAt: '2022-04-02T04:00:00.000Z',
      closesAt: '2022-04-05T15:59:59.999Z',
      closesAtLocal: '2022-04-05T23:59:59.999+08:00',
      deliveryDate: '2022-04-07',
      warning: null,
    });
  });

  it('prints the cycle at an instant with a county rule file', async () => {
    const rule = join(dir, 'rule.json');
    writeFileSync(rule, JSON.stringify({ opensAt: '08:00', closesAt: '18:00' }));
    const cycle = async (at: string) => {
      const { code, out } = await run(['cycle', '--order-day', '3', '--at', at, '--rule', rule]);
      expect(code).toBe(0);
      return JSON.parse(out);
    };
    // The closing minute 18:00 is inclusive.
    expect(await cycle('2022-04-12T18:00:59.999+08:00')).toMatchObject({
      week: '2022-W15',
      open: true,
      closesAtLocal: '2022-04-12T18:00:59.999+08:00',
    });
    expect(await cycle('2022-04-12T18:01:00+08:00')).toMatchObject({
      week: '2022-W16',
      open: false,
      opensAtLocal: '2022-04-16T08:00:00.000+08:00',
    });
  });

  it('warns when the year is not in the data', async () => {
    const { out } = await run(['window', '--week', '2030-W10', '--order-day', '1']);
    expect(JSON.parse(out).warning).toBe('no holiday data for 2030: weekends only');
  });

  it('lists the holidays of a year', async () => {
    const { out } = await run(['holidays', '--year', '2022']);
    const result = JSON.parse(out);
    expect(result).toMatchObject({ year: 2022, covered: true, complete: true });
    expect(result.holidays).toHaveLength(32); // 31 days of 2022 breaks + 2022-12-31 (元旦 2023);
    expect(result.workdays).toEqual([
      '2022-01-29',
      '2022-01-30',
      '2022-04-02',
      '2022-04-24',
      '2022-05-07',
      '2022-10-08',
      '2022-10-09',
    ]);
  });

  it('answers 2 with a message for bad input', async () => {
    const badRule = join(dir, 'bad-rule.json');
    writeFileSync(badRule, JSON.stringify({ opensDayOffset: 0 }));
    for (const args of [
      ['window', '--week', '2021-W53', '--order-day', '2'],
      ['window', '--week', '2022-W15', '--order-day', '8'],
      ['window', '--week', '2022-W15', '--order-day', '2', '--rule', badRule],
      ['window', '--week', '2022-W15', '--order-day', '2', '--calendar', join(dir, 'none.json')],
      ['cycle', '--order-day', '2', '--at', 'yesterday'],
      ['window', '--bogus'],
      ['nonsense'],
    ]) {
      const { code, out, err } = await run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(/^tongxin calendar: /);
    }
  });
});
