import { z } from 'zod';

export const unitLevels = ['province', 'city', 'county', 'logistics'] as const;
export type UnitLevel = (typeof unitLevels)[number];

export const orgUnit = z.object({
  code: z
    .string()
    .describe('GB/T 2260 code for administrative units; LC + city code for logistics centres'),
  name: z.string(),
  nameEn: z.string(),
  level: z.enum(unitLevels),
  parentCode: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
});
export type OrgUnit = z.infer<typeof orgUnit>;

export const listUnitsQuery = z.strictObject({
  level: z.enum(unitLevels).optional(),
  parentCode: z.string().max(20).optional(),
  lang: z.string().max(8).optional(),
});

export const listUnitsResponse = z.object({ items: z.array(orgUnit) });
