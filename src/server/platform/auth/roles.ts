import { roles } from '../../../contracts/auth';

/**
 * Roles and what each may do. A permission is checked on every route (the route declares it); the
 * data scope (which rows) comes from the user's org unit, see `scope.ts`.
 */
export { roles };
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  province_analyst: { zh: '省公司经济运行分析员', en: 'Province analyst' },
  city_manager: { zh: '市公司经理', en: 'City manager' },
  // City and county marketing centres alike; the unit decides which (a city planner plans the city).
  county_planner: { zh: '营销计划员', en: 'Marketing planner' },
  account_manager: { zh: '客户经理', en: 'Account manager' },
  logistics_dispatcher: { zh: '物流调度员', en: 'Logistics dispatcher' },
  warehouse_keeper: { zh: '仓库保管员', en: 'Warehouse keeper' },
  driver: { zh: '送货员', en: 'Driver' },
  epidemic_officer: { zh: '防控专员', en: 'Epidemic-control officer' },
  licence_officer: { zh: '专卖许可员', en: 'Licence officer' },
  staff: { zh: '员工', en: 'Staff' },
  retailer: { zh: '零售户', en: 'Retailer' },
};

export const permissions = [
  'org.read',
  'org.manage',
  'user.manage',
  'audit.read',
  'dashboard.read',
  'retailer.read',
  'retailer.write',
  'product.read',
  'product.manage',
  'self.read',
  // Workforce (防控): own reports; aggregates; personal health data; rosters; travel; settings.
  'health.report',
  'health.file_for_others',
  'health.read',
  'workforce.read',
  'roster.manage',
  'travel.approve',
  'workforce.configure',
  // Supply release (货源投放): read plans and quotas; build drafts; publish.
  'supply.read',
  'supply.plan',
  'supply.publish',
  // Disruption (区域管控): read areas and effective statuses; publish/end areas; edit schemes.
  'disruption.read',
  'disruption.manage',
  'disruption.configure',
  // Ordering (订货): place one's own order; take orders by phone; watch cycles; open windows, pools.
  'order.place',
  'order.take',
  'order.read',
  'order.manage',
] as const;
export type Permission = (typeof permissions)[number];

const everyone: Permission[] = ['self.read', 'health.report'];
const readers: Permission[] = [...everyone, 'org.read', 'dashboard.read', 'product.read'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  // Health data is visible to its owner and the owner's company's epidemic officers only.
  admin: permissions.filter((p) => p !== 'health.read' && p !== 'health.file_for_others'),
  province_analyst: [
    ...readers,
    'retailer.read',
    'audit.read',
    'workforce.read',
    'supply.read',
    'disruption.read',
    'order.read',
  ],
  city_manager: [
    ...readers,
    'retailer.read',
    'retailer.write',
    'audit.read',
    'workforce.read',
    'travel.approve',
    'health.file_for_others',
    'supply.read',
    'supply.plan',
    'supply.publish',
    'disruption.read',
    'disruption.manage',
    'order.take',
    'order.read',
    'order.manage',
  ],
  county_planner: [
    ...readers,
    'retailer.read',
    'workforce.read',
    'travel.approve',
    'supply.read',
    'supply.plan',
    'supply.publish',
    'disruption.read',
    'order.take',
    'order.read',
    'order.manage',
  ],
  account_manager: [
    ...readers,
    'retailer.read',
    'retailer.write',
    'supply.read',
    'disruption.read',
    'order.take',
    'order.read',
  ],
  logistics_dispatcher: [
    ...readers,
    'retailer.read',
    'workforce.read',
    'roster.manage',
    'disruption.read',
    'order.read',
  ],
  warehouse_keeper: [...readers, 'disruption.read', 'order.read'],
  driver: [...everyone, 'org.read', 'disruption.read'],
  epidemic_officer: [
    ...readers,
    'workforce.read',
    'health.read',
    'health.file_for_others',
    'roster.manage',
    'disruption.read',
    'disruption.manage',
  ],
  licence_officer: [...readers, 'retailer.read', 'disruption.read'],
  staff: [...everyone, 'org.read', 'disruption.read'],
  // A retailer's data scope is its own shop, so `retailer.read` shows it only itself.
  retailer: ['self.read', 'product.read', 'retailer.read', 'order.place'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
