import { z } from 'zod';

export const roles = [
  'admin',
  'province_analyst',
  'city_manager',
  'county_planner',
  'account_manager',
  'logistics_dispatcher',
  'warehouse_keeper',
  'driver',
  'epidemic_officer',
  'licence_officer',
  'staff',
  'retailer',
] as const;
export type RoleName = (typeof roles)[number];

export const loginRequest = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const currentUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  roleLabel: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  scope: z.object({
    kind: z.enum(['province', 'city', 'county', 'retailer']),
    label: z.string(),
  }),
  retailerId: z.string().nullable(),
  permissions: z.array(z.string()),
});
export type CurrentUser = z.infer<typeof currentUser>;

export const loginResponse = z.object({ token: z.string(), user: currentUser });
export const meResponse = z.object({ user: currentUser });
