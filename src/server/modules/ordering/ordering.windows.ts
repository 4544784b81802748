import {
  cycleAt,
  defaultWindowRule,
  isOpenAt,
  orderWindow,
  type HolidayCalendar,
  type OrderWindow,
  type WindowRule,
} from '../../../engines/calendar';

/** An extra window (补订) as the ordering state keeps it. */
export interface ExtraWindowState {
  id: string;
  companyId: string;
  cycleId: string;
  countyCodes: ReadonlySet<string> | null;
  retailerIds: ReadonlySet<string> | null;
  opensAt: Date;
  closesAt: Date;
  reason: string;
  createdBy: string | null;
  createdAt: string;
}

export interface RetailerWindow {
  cycleId: string;
  orderDate: string;
  deliveryDate: string;
  shifted: boolean;
  open: boolean;
  opensAt: Date;
  closesAt: Date;
  extra: boolean;
  reason: string | null;
}

export interface WindowCalendar {
  calendar: HolidayCalendar;
  ruleOf: (countyCode: string) => WindowRule;
  extras: readonly ExtraWindowState[];
  /** Derived windows, owned by the ordering state that built this calendar. */
  caches: WindowCaches;
}

/** Bound of each rule's remembered windows: far more than the weeks and order days in use. */
const maxPerRule = 5_000;

/**
 * Windows derived from the rules, kept by the ordering state (not the module): the same few
 * hundred serve every order, and they go when the state is closed. Keyed by the rule object, so
 * a reloaded rule starts afresh.
 */
export class WindowCaches {
  /** Regular windows per (week, order day, county rule). */
  readonly regular = new WeakMap<WindowRule, Map<string, OrderWindow>>();
  /** The current week per (rule, order day) and until when it holds. */
  readonly cycles = new WeakMap<
    WindowRule,
    Map<number, { week: string; from: number; until: number; calendar: HolidayCalendar }>
  >();
}

const covers = (w: ExtraWindowState, r: { id: string; countyCode: string }) =>
  (w.countyCodes?.has(r.countyCode) ?? false) || (w.retailerIds?.has(r.id) ?? false);

function regularWindow(
  cal: WindowCalendar,
  cycleId: string,
  retailer: { countyCode: string; orderDay: number },
): OrderWindow {
  const rule = cal.ruleOf(retailer.countyCode);
  let perRule = cal.caches.regular.get(rule);
  if (!perRule) {
    perRule = new Map();
    cal.caches.regular.set(rule, perRule);
  }
  const key = `${cycleId}|${retailer.orderDay}`;
  let window = perRule.get(key);
  if (!window) {
    window = orderWindow({
      week: cycleId,
      orderDay: retailer.orderDay,
      rule,
      calendar: cal.calendar,
    });
    if (perRule.size > maxPerRule) perRule.clear();
    perRule.set(key, window);
  }
  return window;
}

/**
 * A retailer's window for a cycle at an instant (docs/architecture.md#ordering): its county's regular window, or an
 * extra window opened for its county or for it by name. When an extra window is open it is the
 * one shown (and its close is the order's); otherwise the regular one, or an extra one still to
 * come once the regular one has closed.
 */
export function windowFor(
  cal: WindowCalendar,
  cycleId: string,
  retailer: { id: string; countyCode: string; orderDay: number },
  at: Date,
): RetailerWindow {
  const regular = regularWindow(cal, cycleId, retailer);
  const base = {
    cycleId,
    orderDate: regular.orderDate,
    deliveryDate: regular.deliveryDate,
    shifted: regular.shifted,
  };
  const extras = cal.extras.filter((w) => w.cycleId === cycleId && covers(w, retailer));
  const openExtra = extras
    .filter((w) => isOpenAt(w, at))
    .sort((a, b) => b.closesAt.getTime() - a.closesAt.getTime())[0];
  const regularOpen = isOpenAt(regular, at);
  if (openExtra && (!regularOpen || openExtra.closesAt > regular.closesAt)) {
    return {
      ...base,
      open: true,
      opensAt: openExtra.opensAt,
      closesAt: openExtra.closesAt,
      extra: true,
      reason: openExtra.reason,
    };
  }
  if (!regularOpen && at > regular.closesAt) {
    const coming = extras
      .filter((w) => w.opensAt > at)
      .sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime())[0];
    if (coming) {
      return {
        ...base,
        open: false,
        opensAt: coming.opensAt,
        closesAt: coming.closesAt,
        extra: true,
        reason: coming.reason,
      };
    }
  }
  return {
    ...base,
    open: regularOpen,
    opensAt: regular.opensAt,
    closesAt: regular.closesAt,
    extra: false,
    reason: null,
  };
}

/**
 * The cycle a retailer is in now: one with an extra window open for it (a reopened area orders
 * the week it missed), else the earliest week whose regular window has not closed.
 */
export function currentCycleFor(
  cal: WindowCalendar,
  retailer: { id: string; countyCode: string; orderDay: number },
  at: Date,
): string {
  const extra = cal.extras
    .filter((w) => covers(w, retailer) && isOpenAt(w, at))
    .sort((a, b) => (a.cycleId < b.cycleId ? 1 : -1))[0];
  if (extra) return extra.cycleId;
  const rule = cal.ruleOf(retailer.countyCode);
  let perRule = cal.caches.cycles.get(rule);
  if (!perRule) {
    perRule = new Map();
    cal.caches.cycles.set(rule, perRule);
  }
  // The answer holds from when it was computed until that window closes (the earliest week not
  // yet closed stays so until it closes), so one computation serves a whole window's orders.
  const t = at.getTime();
  const cached = perRule.get(retailer.orderDay);
  if (cached && cached.from <= t && t <= cached.until && cached.calendar === cal.calendar) {
    return cached.week;
  }
  const window = cycleAt({ at, orderDay: retailer.orderDay, rule, calendar: cal.calendar });
  perRule.set(retailer.orderDay, {
    week: window.week,
    from: t,
    until: window.closesAt.getTime(),
    calendar: cal.calendar,
  });
  return window.week;
}

/** The cycle open or next to open for most retailers (order day Wednesday) — for screens. */
export function currentCycle(cal: WindowCalendar, at: Date): string {
  return cycleAt({ at, orderDay: 3, rule: defaultWindowRule, calendar: cal.calendar }).week;
}
