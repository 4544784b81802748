/**
 * What the tests read of the environment, in one place (tests may read `process.env`; the
 * application reads it only through `platform/config`).
 */

/** Under continuous integration (`.ci/run` exports `CI=1`): nothing may be skipped for want of a tool. */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}
