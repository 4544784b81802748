import { describe, expect, it } from 'vitest';
import { AppError, errorBody } from './errors';
import { interpolate, pickLanguage } from './i18n';

describe('language choice', () => {
  it('defaults to Chinese and follows query, cookie, then Accept-Language', () => {
    expect(pickLanguage({})).toBe('zh-CN');
    expect(pickLanguage({ acceptLanguage: 'en-GB,en;q=0.8' })).toBe('en');
    expect(pickLanguage({ acceptLanguage: 'zh-CN,zh;q=0.9,en;q=0.5' })).toBe('zh-CN');
    expect(pickLanguage({ query: 'zh', acceptLanguage: 'en' })).toBe('zh-CN');
    expect(pickLanguage({ cookie: 'en', acceptLanguage: 'zh-CN' })).toBe('en');
  });

  it('fills placeholders with bilingual values in the chosen language', () => {
    const params = { entity: { zh: '零售户', en: 'retailer' }, n: 3 };
    expect(interpolate('{entity} × {n} {missing}', 'en', params)).toBe('retailer × 3 {missing}');
    expect(interpolate('{entity} × {n}', 'zh-CN', params)).toBe('零售户 × 3');
  });

  it('builds the one error shape with details', () => {
    const error = new AppError('RULE_REFUSED', {
      params: { reason: { zh: '超出配额', en: 'over quota' } },
      details: [{ line: 1 }],
    });
    expect(error.status).toBe(422);
    expect(errorBody(error, 'en')).toEqual({
      error: {
        code: 'RULE_REFUSED',
        message: 'Refused by a rule: over quota',
        details: [{ line: 1 }],
      },
    });
    expect(errorBody(error, 'zh-CN').error.message).toBe('业务规则不允许：超出配额');
  });
});
