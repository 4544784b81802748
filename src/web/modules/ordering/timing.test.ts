import { describe, expect, it } from 'vitest';
import { shortInstant, timeLeft, windowPhase } from './timing';

const window = { opensAt: '2022-04-09T04:00:00.000Z', closesAt: '2022-04-12T15:59:59.999Z' };

describe('windowPhase', () => {
  it('trusts the server when it says open, whatever the browser clock', () => {
    expect(windowPhase({ ...window, open: true }, Date.parse('2030-01-01T00:00:00Z'))).toBe('open');
  });

  it('tells a window still to come from one that has closed', () => {
    expect(windowPhase({ ...window, open: false }, Date.parse('2022-04-08T00:00:00Z'))).toBe(
      'before',
    );
    expect(windowPhase({ ...window, open: false }, Date.parse('2022-04-13T00:00:00Z'))).toBe(
      'after',
    );
  });
});

describe('timeLeft', () => {
  const closes = '2022-04-12T15:59:59.999Z';
  it('counts days and hours, or hours and minutes on the last day', () => {
    expect(timeLeft(closes, Date.parse('2022-04-10T13:00:00Z'), 'zh-CN')).toBe('2 天 2 小时');
    expect(timeLeft(closes, Date.parse('2022-04-12T06:30:00Z'), 'zh-CN')).toBe('9 小时 29 分钟');
    expect(timeLeft(closes, Date.parse('2022-04-12T15:50:00Z'), 'en')).toBe('9 min');
  });

  it('shows nothing when the browser clock cannot be right (past, or weeks away)', () => {
    expect(timeLeft(closes, Date.parse('2022-04-13T00:00:00Z'), 'en')).toBeNull();
    expect(timeLeft(closes, Date.parse('2022-03-01T00:00:00Z'), 'en')).toBeNull();
  });
});

describe('shortInstant', () => {
  it('reads in Asia/Shanghai whatever the zone of the machine', () => {
    expect(shortInstant('2022-04-12T15:59:59.999Z', 'zh-CN')).toMatch(/4月12日.*23:59/);
    expect(shortInstant('2022-04-12T15:59:59.999Z', 'en')).toMatch(/Apr 12.*23:59/);
  });
});
