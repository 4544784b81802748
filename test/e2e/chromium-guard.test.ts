import { describe, expect, it } from 'vitest';
import { underCi } from '../support/env';
import { chromiumPath, skipWithoutChromium } from './browser';

describe('the browser journeys without Chromium', () => {
  const nowhere = '/nonexistent/chromium';

  it('are skipped on a developer machine', () => {
    expect(skipWithoutChromium({ path: nowhere, ci: false })).toBe(true);
  });

  it('fail the run under CI instead of skipping', () => {
    expect(() => skipWithoutChromium({ path: nowhere, ci: true })).toThrow(
      /Chromium is missing at \/nonexistent\/chromium/,
    );
  });

  it('run wherever Chromium is, CI or not', () => {
    expect(skipWithoutChromium({ path: process.execPath, ci: true })).toBe(false);
    expect(skipWithoutChromium({ path: process.execPath, ci: false })).toBe(false);
  });

  it('take CI from the CI variable as .ci/run sets it', () => {
    expect(underCi({ CI: '1' })).toBe(true);
    expect(underCi({ CI: 'true' })).toBe(true);
    expect(underCi({})).toBe(false);
    expect(underCi({ CI: '' })).toBe(false);
    expect(underCi({ CI: '0' })).toBe(false);
    expect(chromiumPath).toBe('/usr/bin/chromium');
  });
});
