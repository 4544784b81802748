import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatInteger,
  formatPercent,
  formatYuan,
  gradeLabel,
  todayInShanghai,
} from './format';

describe('formatYuan', () => {
  it('shows integer fen as yuan with two decimals and thousands separators', () => {
    expect(formatYuan(39150, 'zh-CN')).toBe('391.50');
    expect(formatYuan(5, 'en')).toBe('0.05');
    expect(formatYuan(0, 'en')).toBe('0.00');
    expect(formatYuan(123456789, 'zh-CN')).toBe('1,234,567.89');
    expect(formatYuan(-1999, 'en')).toBe('-19.99');
  });

  it('round-trips every fen value of a range exactly (no float drift)', () => {
    for (let fen = 0; fen <= 100_000; fen += 97) {
      const text = formatYuan(fen, 'en').replace(/,/g, '');
      const [yuan, cents] = text.split('.');
      expect(Number(yuan) * 100 + Number(cents)).toBe(fen);
    }
  });
});

describe('formatInteger and formatPercent', () => {
  it('groups thousands', () => {
    expect(formatInteger(15018, 'zh-CN')).toBe('15,018');
    expect(formatInteger(999, 'en')).toBe('999');
  });

  it('gives a share with one decimal, and a dash when the whole is empty', () => {
    expect(formatPercent(2226, 2280)).toBe('97.6%');
    expect(formatPercent(1, 0)).toBe('—');
  });
});

describe('dates in Asia/Shanghai', () => {
  it('keeps a bare calendar date as it is', () => {
    expect(formatDate('2027-05-04')).toBe('2027-05-04');
  });

  it('shows a UTC timestamp as the Shanghai calendar day (UTC+8)', () => {
    expect(formatDate('2022-04-01T15:59:59Z')).toBe('2022-04-01');
    expect(formatDate('2022-04-01T16:00:00Z')).toBe('2022-04-02');
    expect(todayInShanghai(new Date('2022-12-31T16:30:00Z'))).toBe('2023-01-01');
  });

  it('returns text that is not a date unchanged', () => {
    expect(formatDate('soon')).toBe('soon');
  });
});

describe('gradeLabel', () => {
  it('names grades D1 … D30', () => {
    expect(gradeLabel(1)).toBe('D1');
    expect(gradeLabel(30)).toBe('D30');
  });
});
