import { describe, expect, it } from 'vitest';
import { loadConfig, parseTrustedProxies } from './config';

describe('configuration', () => {
  it('sends secure cookies (and so HSTS) once the demo is off, unless turned off explicitly', () => {
    expect(loadConfig({}).secureCookies).toBe(false);
    expect(loadConfig({ TONGXIN_DEMO: 'off' }).secureCookies).toBe(true);
    expect(loadConfig({ TONGXIN_DEMO: 'off', TONGXIN_SECURE_COOKIES: 'off' }).secureCookies).toBe(
      false,
    );
    expect(loadConfig({ TONGXIN_SECURE_COOKIES: 'on' }).secureCookies).toBe(true);
  });

  it('trusts no proxy by default and reads addresses and CIDR ranges', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(parseTrustedProxies(' 10.0.0.1, 192.168.0.0/16 ,::1,fd00::/8')).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
    ]);
  });

  it('refuses a proxy entry that is not an address or a range', () => {
    for (const bad of ['loadbalancer', '10.0.0.0/33', '10.0.0.1/8/2', '*', 'fd00::/129']) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/TONGXIN_TRUSTED_PROXY/);
    }
  });

  it('reads the log-in lockout and refuses nonsense', () => {
    expect(loadConfig({}).loginLockout).toEqual({ maxFailures: 5, cooldownMinutes: 15 });
    expect(
      loadConfig({ TONGXIN_LOGIN_MAX_FAILURES: '8', TONGXIN_LOGIN_LOCKOUT_MINUTES: '30' })
        .loginLockout,
    ).toEqual({ maxFailures: 8, cooldownMinutes: 30 });
    expect(() => loadConfig({ TONGXIN_LOGIN_MAX_FAILURES: '0' })).toThrow(
      /TONGXIN_LOGIN_MAX_FAILURES/,
    );
  });
});
