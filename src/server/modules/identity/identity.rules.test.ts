import { describe, expect, it } from 'vitest';
import { afterFailure, lockedUntil, type ThrottleState } from './identity.rules';

const policy = { maxFailures: 3, cooldownMinutes: 15 };
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 8, 0, minutes));

describe('log-in lockout', () => {
  it('locks after the third failure in a row for the cool-down, then counts afresh', () => {
    let state: ThrottleState | null = null;
    const locks: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      const step = afterFailure(state, at(i), '10.0.0.9', policy);
      locks.push(step.lockedNow);
      state = step.next;
    }
    expect(locks).toEqual([false, false, true]);
    expect(lockedUntil(state, at(16))).toBe(at(17).toISOString());
    expect(lockedUntil(state, at(17))).toBeNull();
    const after = afterFailure(state, at(18), '10.0.0.9', policy);
    expect(after).toMatchObject({ lockedNow: false, next: { failures: 1, lockedUntil: null } });
    expect(after.next.unseenFailures).toBe(4);
  });

  it('adds failures during a lockout to what the owner is told, without extending it', () => {
    const locked: ThrottleState = {
      failures: 0,
      lockedUntil: at(15).toISOString(),
      unseenFailures: 3,
      lastFailedAt: at(0).toISOString(),
      lastFailedIp: '10.0.0.9',
    };
    const step = afterFailure(locked, at(5), '10.0.0.7', policy);
    expect(step).toEqual({
      lockedNow: false,
      next: {
        failures: 0,
        lockedUntil: at(15).toISOString(),
        unseenFailures: 4,
        lastFailedAt: at(5).toISOString(),
        lastFailedIp: '10.0.0.7',
      },
    });
  });
});
