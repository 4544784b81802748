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

export const meResponse = z.object({ user: currentUser });

/** Failed log-ins on the account since its last successful one, told to its owner at log-in. */
export const loginNotice = z.object({
  failedAttempts: z.number().int(),
  lastFailedAt: z.string(),
  lastFailedIp: z.string().nullable(),
});
export type LoginNotice = z.infer<typeof loginNotice>;

export const passwordChangeRequest = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export const passwordChangeResponse = z.object({
  ok: z.literal(true),
  otherSessionsRevoked: z.number().int(),
});

export const userListQuery = z.strictObject({
  search: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  lang: z.string().max(8).optional(),
});
export const userSummary = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  unitCode: z.string(),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type UserSummary = z.infer<typeof userSummary>;
export const userListResponse = z.object({ total: z.number().int(), users: z.array(userSummary) });
export const userIdParams = z.strictObject({ id: z.string().min(1).max(64) });
export const userDisabledResponse = z.object({
  id: z.string(),
  username: z.string(),
  disabled: z.boolean(),
  sessionsRevoked: z.number().int(),
});

export const loginResponse = z.object({
  token: z.string(),
  user: currentUser,
  notice: loginNotice.nullable(),
});
