import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorBlock, LoadingBlock } from '../../../ui/QueryState';
import { useSession } from '../session';

/** Renders its children for a logged-in user; otherwise sends the browser to the log-in page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.data) return <>{children}</>;
  if (session.data === null) {
    const next = location.pathname + location.search;
    const target = next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
    return <Navigate to={target} replace />;
  }
  if (session.error)
    return <ErrorBlock error={session.error} onRetry={() => void session.refetch()} />;
  return <LoadingBlock minHeight={400} />;
}
