import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('scrypt passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Correct horse 1', { N: 1024 });
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('Correct horse 1', hash)).toBe(true);
    expect(await verifyPassword('Correct horse 2', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    const a = await hashPassword('same-password-1', { N: 1024 });
    const b = await hashPassword('same-password-1', { N: 1024 });
    expect(a).not.toBe(b);
  });

  it('refuses malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$a$b$c$d$e')).toBe(false);
  });

  it('normalises Unicode so the same password typed differently still matches', async () => {
    const hash = await hashPassword('Ｔongxin2022', { N: 1024 });
    expect(await verifyPassword('Tongxin2022', hash)).toBe(true);
  });
});
