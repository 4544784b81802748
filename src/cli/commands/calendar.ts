/**
 * `tongxin calendar …`: the ordering calendar from the command line, JSON on stdout.
 *
 *   tongxin calendar window --week 2022-W14 --order-day 2    one retailer's window of a week
 *   tongxin calendar cycle --order-day 2 [--at ISO-INSTANT]  the cycle a retailer is in now / at
 *   tongxin calendar holidays --year 2022                    the holidays and 调休 workdays of a year
 *
 * `--rule FILE` reads a window rule (JSON; missing fields take the defaults), `--calendar FILE`
 * another holiday file than `data/calendar/holidays-cn.json`. Bad input: stderr, exit code 2.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataDirOf } from '../../server/platform/config';
import {
  calendarFromData,
  cycleAt,
  defaultWindowRule,
  formatShanghai,
  mondayOf,
  validateWindowRule,
  orderWindow,
  type CalendarFromData,
  type OrderWindow,
  type WindowRule,
} from '../../engines/calendar';

const USAGE = `Usage: tongxin calendar <window|cycle|holidays> [options]

  window --week YYYY-Www --order-day 1..7   the ordering window of one week (1 = Monday)
  cycle --order-day 1..7 [--at ISO]         the cycle a retailer is in at an instant (default now)
  holidays --year YYYY                      official holidays and 调休 workdays of a year

  --rule FILE       window rule JSON (default: opens Saturday 12:00, closes 23:59 the day before)
  --calendar FILE   holiday data (default: <data dir>/calendar/holidays-cn.json)
`;

class UsageError extends Error {}

/*
 * The config's reader, as the org module's `dataDir()` uses it: importing that module would load
 * the whole server (≈3 s) for a command that reads one JSON file.
 */
const dataDir = () => dataDirOf();

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} ${file} is not JSON: ${(error as Error).message}`);
  }
}

async function loadCalendar(file: string | undefined): Promise<CalendarFromData> {
  const source = file ?? path.join(dataDir(), 'calendar', 'holidays-cn.json');
  try {
    return calendarFromData(await readJson(source, 'holiday calendar'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${source}: ${(error as Error).message}`);
  }
}

async function loadRule(file: string | undefined): Promise<WindowRule> {
  if (!file) return defaultWindowRule;
  const result = validateWindowRule(await readJson(file, 'window rule'));
  if (result.ok) return result.rule;
  const lines = result.errors.map((e) => `  ${e.path.join('.') || '(rule)'}: ${e.message}`);
  throw new UsageError(`invalid window rule ${file}:\n${lines.join('\n')}`);
}

function orderDayOf(value: string | undefined): number {
  const day = Number(value);
  if (value === undefined || !Number.isInteger(day) || day < 1 || day > 7) {
    throw new UsageError('--order-day must be 1 (Monday) … 7 (Sunday)');
  }
  return day;
}

/** Years a window touches that the calendar data does not cover, or covers only in part. */
function coverageWarning(cal: CalendarFromData, w: OrderWindow): string | null {
  const years = new Set([w.scheduledDate, w.deliveryDate].map((d) => Number(d.slice(0, 4))));
  const missing = [...years].filter((y) => !cal.years.includes(y));
  const partial = [...years].filter((y) => cal.incompleteYears.includes(y));
  if (missing.length > 0) return `no holiday data for ${missing.join(', ')}: weekends only`;
  if (partial.length > 0) return `holiday data for ${partial.join(', ')} is incomplete`;
  return null;
}

function describe(w: OrderWindow, orderDay: number, rule: WindowRule, cal: CalendarFromData) {
  return {
    week: w.week,
    orderDay,
    scheduledDate: w.scheduledDate,
    orderDate: w.orderDate,
    shifted: w.shifted,
    holiday: cal.names.get(w.scheduledDate) ?? null,
    opensAt: w.opensAt.toISOString(),
    closesAt: w.closesAt.toISOString(),
    opensAtLocal: formatShanghai(w.opensAt),
    closesAtLocal: formatShanghai(w.closesAt),
    deliveryDate: w.deliveryDate,
    rule,
    warning: coverageWarning(cal, w),
  };
}

async function run(sub: string | undefined, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      week: { type: 'string' },
      'order-day': { type: 'string' },
      at: { type: 'string' },
      year: { type: 'string' },
      rule: { type: 'string' },
      calendar: { type: 'string' },
    },
  });
  if (sub === 'window') {
    if (!values.week || mondayOf(values.week) === null) {
      throw new UsageError('--week must be an existing ISO week such as 2022-W15');
    }
    const orderDay = orderDayOf(values['order-day']);
    const [rule, calendar] = [await loadRule(values.rule), await loadCalendar(values.calendar)];
    const w = orderWindow({ week: values.week, orderDay, rule, calendar });
    print(describe(w, orderDay, rule, calendar));
    return 0;
  }
  if (sub === 'cycle') {
    const at = values.at ? new Date(values.at) : new Date();
    if (Number.isNaN(at.getTime())) {
      throw new UsageError('--at must be an ISO instant such as 2022-04-05T12:00:00+08:00');
    }
    const orderDay = orderDayOf(values['order-day']);
    const [rule, calendar] = [await loadRule(values.rule), await loadCalendar(values.calendar)];
    const { open, ...w } = cycleAt({ at, orderDay, rule, calendar });
    print({ at: at.toISOString(), open, ...describe(w, orderDay, rule, calendar) });
    return 0;
  }
  if (sub === 'holidays') {
    if (!values.year || !/^\d{4}$/.test(values.year)) {
      throw new UsageError('--year must be a year such as 2022');
    }
    const calendar = await loadCalendar(values.calendar);
    const year = Number(values.year);
    const inYear = (dates: Iterable<string>) =>
      [...dates].filter((d) => d.startsWith(`${values.year}-`)).sort();
    print({
      year,
      covered: calendar.years.includes(year),
      complete: calendar.years.includes(year) && !calendar.incompleteYears.includes(year),
      holidays: inYear(calendar.holidays).map((date) => ({
        date,
        name: calendar.names.get(date) ?? null,
      })),
      workdays: inYear(calendar.workdays),
    });
    return 0;
  }
  throw new UsageError(sub ? `unknown calendar command ${sub}` : 'a calendar command is needed');
}

export async function calendarCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    return await run(sub, rest);
  } catch (error) {
    // parseArgs reports unknown options with a TypeError carrying an ERR_PARSE_ARGS_* code.
    const code = (error as { code?: unknown }).code;
    const parseError = typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
    if (!(error instanceof UsageError) && !parseError) throw error;
    process.stderr.write(`tongxin calendar: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
}
