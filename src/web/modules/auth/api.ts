import type { CurrentUser } from '../../../contracts/auth';
import { api, ApiError } from '../../ui/api';

export const meKey = ['auth', 'me'] as const;

/** The logged-in user, or null when the session is missing or expired. */
export async function fetchMe(): Promise<CurrentUser | null> {
  try {
    const { user } = await api<{ user: CurrentUser }>('/api/auth/me');
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function login(username: string, password: string): Promise<CurrentUser> {
  const { user } = await api<{ token: string; user: CurrentUser }>('/api/auth/login', {
    method: 'POST',
    body: { username, password },
  });
  return user;
}

export async function logout(): Promise<void> {
  await api<unknown>('/api/auth/logout', { method: 'POST' });
}

let expired = false;

/** Remembers that a session ended under the user's feet, so the log-in page can say why. */
export function markSessionExpired(): void {
  expired = true;
}

/** Whether the last session expired; reading it clears it. */
export function consumeSessionExpired(): boolean {
  const value = expired;
  expired = false;
  return value;
}
