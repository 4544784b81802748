/** Usernames: letters, digits, dot, dash and underscore, 3–64 characters. */
export function isValidUsername(username: string): boolean {
  return /^[A-Za-z0-9._-]{3,64}$/.test(username);
}

/**
 * Password policy for accounts created by an administrator: at least 8 characters with a letter and
 * a digit. (Demo accounts use one shared published password; real deployments start empty.)
 */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('at least 8 characters');
  if (!/[A-Za-z]/.test(password)) problems.push('a letter');
  if (!/[0-9]/.test(password)) problems.push('a digit');
  return problems;
}

/** Failed log-ins of one account name, as stored (`login_throttle`). */
export interface ThrottleState {
  failures: number;
  lockedUntil: string | null;
  unseenFailures: number;
  lastFailedAt: string;
  lastFailedIp: string | null;
}

export interface LockoutPolicy {
  maxFailures: number;
  cooldownMinutes: number;
}

export function lockedUntil(state: ThrottleState | null, now: Date): string | null {
  return state?.lockedUntil && Date.parse(state.lockedUntil) > now.getTime()
    ? state.lockedUntil
    : null;
}

/**
 * One more failure: `maxFailures` in a row lock the account for the cool-down, after which the count
 * starts afresh. Failures during a lockout only add to what the owner will be told.
 */
export function afterFailure(
  state: ThrottleState | null,
  now: Date,
  ip: string | null,
  policy: LockoutPolicy,
): { next: ThrottleState; lockedNow: boolean } {
  const seen = {
    unseenFailures: (state?.unseenFailures ?? 0) + 1,
    lastFailedAt: now.toISOString(),
    lastFailedIp: ip,
  };
  const locked = lockedUntil(state, now);
  if (locked) return { next: { failures: 0, lockedUntil: locked, ...seen }, lockedNow: false };
  const failures = (state?.failures ?? 0) + 1;
  if (failures >= policy.maxFailures) {
    const until = new Date(now.getTime() + policy.cooldownMinutes * 60_000).toISOString();
    return { next: { failures: 0, lockedUntil: until, ...seen }, lockedNow: true };
  }
  return { next: { failures, lockedUntil: null, ...seen }, lockedNow: false };
}
