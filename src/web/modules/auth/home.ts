import type { CurrentUser } from '../../../contracts/auth';

/** Where a user lands after log-in: the first page their permissions open. */
export function homePathOf(user: CurrentUser): string {
  if (user.role === 'retailer') return '/my-shop';
  if (user.permissions.includes('dashboard.read')) return '/overview';
  if (user.permissions.includes('retailer.read')) return '/retailers';
  if (user.permissions.includes('product.read')) return '/products';
  if (user.permissions.includes('health.report')) return '/workforce/report';
  return '/products';
}
