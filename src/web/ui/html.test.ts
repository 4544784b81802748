import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html';

describe('escapeHtml', () => {
  it('turns markup in a name into text', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&#60;img src=x onerror=alert(1)&#62;');
    expect(escapeHtml(`a"b'c&d`)).toBe('a&#34;b&#39;c&#38;d');
  });

  it('leaves plain names alone', () => {
    expect(escapeHtml('小店区封控 · 封控')).toBe('小店区封控 · 封控');
  });
});
