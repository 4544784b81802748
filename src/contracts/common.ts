import { z } from 'zod';

/** The one error shape of the API. */
export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

/** Page-number pagination used by every list. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const countyCode = z.string().regex(/^14\d{4}$/, 'must be a Shanxi county code (14xxxx)');
export const unitCode = z
  .string()
  .min(2)
  .max(20)
  .regex(/^[A-Z0-9]+$/);

export const okResponse = z.object({ ok: z.literal(true) });
