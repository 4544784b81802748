import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { CurrentUser } from '../../../contracts/auth';
import { fetchMe, logout, meKey } from './api';

/** The session as the server sees it; `data` is null when nobody is logged in. */
export function useSession() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** The logged-in user; only for pages under <RequireAuth>, which guarantees one. */
export function useCurrentUser(): CurrentUser {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser outside <RequireAuth>');
  return data;
}

export function hasPermission(user: CurrentUser, permission: string): boolean {
  return user.permissions.includes(permission);
}

/**
 * Whether the user may write city-wide objects (release plans, positions, pools): the server
 * refuses a county scope whatever the permission (docs/architecture.md#security-and-data-scope),
 * so screens offer those actions only to city and province users.
 */
export function writesCityWide(user: CurrentUser): boolean {
  return user.scope.kind === 'province' || user.scope.kind === 'city';
}

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      // Whatever the server said, forget everything this user could see.
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
      void navigate('/login', { replace: true });
    },
  });
}
