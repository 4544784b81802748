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
