/** An Asia/Shanghai calendar day, `YYYY-MM-DD`. */
export type LocalDate = string;
/** An ISO-8601 week, `YYYY-Www` (e.g. `2022-W15`); the year is the ISO week-numbering year. */
export type IsoWeek = string;

/**
 * The PRC working-day calendar. Treat it as immutable once built: the engine keeps a numeric
 * index of it per object (see `holidays.ts`).
 */
export interface HolidayCalendar {
  /** Official days off (法定节假日 incl. the bridged days). */
  holidays: ReadonlySet<LocalDate>;
  /** Weekend days that are working days (调休上班). */
  workdays: ReadonlySet<LocalDate>;
  /** Holiday names (`2022-04-05` → `清明节`), when the calendar came from data that has them. */
  names?: ReadonlyMap<LocalDate, string>;
}

/** How a county runs its weekly ordering window; check stored settings with `validateWindowRule`. */
export interface WindowRule {
  /** Day the window opens, relative to the Monday of the order week (default -2 = the Saturday before). */
  opensDayOffset: number;
  /** `HH:mm`, default `12:00`. */
  opensAt: string;
  /** Days before the order date the window closes (default 1 = the day before). */
  closesDaysBefore: number;
  /** `HH:mm`, default `23:59` — closes at the END of that minute, i.e. 23:59:59.999. */
  closesAt: string;
  /** What a holiday order date does: move to the next working day (default) or stay. */
  holidayShift: 'next_working_day' | 'none';
  /** Days from order date to delivery date, shifted to a working day (default 1). */
  deliveryLagDays: number;
}

/** One retailer's ordering cycle of one ISO week. */
export interface OrderWindow {
  week: IsoWeek;
  /** The retailer's order day in `week` before any holiday shift. */
  scheduledDate: LocalDate;
  /**
   * The order day after the holiday shift. It may move into the next ISO week (e.g. a Monday
   * order day in 春节 week 2022-W05 becomes 2022-02-07, the Monday of W06) — and then it can
   * coincide with the next week's order date: both cycles then close at the same instant and
   * `cycleAt` never reports the later one (the retailer orders once for both).
   */
  orderDate: LocalDate;
  /** True when the calendar moved the order date. */
  shifted: boolean;
  /** First instant the window is open. */
  opensAt: Date;
  /** Last instant the window is open (inclusive, e.g. 23:59:59.999 Shanghai). */
  closesAt: Date;
  /** `orderDate` + `deliveryLagDays`, moved forward to a working day. */
  deliveryDate: LocalDate;
}
