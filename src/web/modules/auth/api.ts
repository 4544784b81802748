import type { CurrentUser, LoginNotice, UserSummary } from '../../../contracts/auth';
import { api, ApiError, queryString } from '../../ui/api';

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

export async function login(
  username: string,
  password: string,
): Promise<{ user: CurrentUser; notice: LoginNotice | null }> {
  const { user, notice } = await api<{
    token: string;
    user: CurrentUser;
    notice: LoginNotice | null;
  }>('/api/auth/login', { method: 'POST', body: { username, password } });
  return { user, notice };
}

export async function changePassword(currentPassword: string, newPassword: string) {
  return api<{ ok: true; otherSessionsRevoked: number }>('/api/auth/password', {
    method: 'POST',
    body: { currentPassword, newPassword },
  });
}

export const usersKey = ['users'] as const;

export async function listUsers(search: string, offset: number, limit: number) {
  return api<{ total: number; users: UserSummary[] }>(
    `/api/users${queryString({ search, offset, limit })}`,
  );
}

export async function setUserDisabled(id: string, disabled: boolean) {
  return api<{ id: string; username: string; disabled: boolean; sessionsRevoked: number }>(
    `/api/users/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`,
    { method: 'POST' },
  );
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
