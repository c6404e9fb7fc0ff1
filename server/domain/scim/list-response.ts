// A vendor's SCIM ListResponse of /Users (RFC 7644 3.4.2), read with zod: only the fields Seatwise uses, everything
// else passes. A page that does not parse is the vendor's fault and names the page, never a partial seat list.
import { z } from 'zod';

export const ScimEmail = z.object({
  value: z.string().max(320),
  primary: z.boolean().optional(),
  type: z.string().max(64).optional(),
});

export const ScimUserResource = z.object({
  id: z.string().min(1).max(512),
  userName: z.string().max(512).optional(),
  // Some vendors send "true"/"false" as strings; anything else is malformed.
  active: z
    .union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])])
    .transform((v) => v === true || String(v).toLowerCase() === 'true')
    .optional(),
  emails: z.array(ScimEmail).max(100).optional(),
});
export type ScimUserResource = z.infer<typeof ScimUserResource>;

export const ScimListResponse = z.object({
  totalResults: z.number().int().min(0),
  startIndex: z.number().int().min(1).optional(),
  itemsPerPage: z.number().int().min(0).optional(),
  // RFC 7644 allows Resources to be missing when a page is empty.
  Resources: z.array(ScimUserResource).max(10_000).default([]),
});
export type ScimListResponse = z.infer<typeof ScimListResponse>;

export type PageReading = { ok: true; page: ScimListResponse } | { ok: false; problem: string };

/** The page's JSON body as a ListResponse, or what is wrong with it in words. */
export function readListPage(body: unknown): PageReading {
  const parsed = ScimListResponse.safeParse(body);
  if (parsed.success) return { ok: true, page: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.join('.') : 'the body';
  return { ok: false, problem: `${where}: ${issue.message}` };
}

/** The page size a vendor's /ServiceProviderConfig offers (filter.maxResults), within [1, cap]; else the fallback. */
export function pageSizeFrom(config: unknown, fallback: number, cap: number): number {
  const offered = z.object({ filter: z.object({ maxResults: z.number().int().min(1) }) }).safeParse(config);
  return offered.success ? Math.min(cap, offered.data.filter.maxResults) : fallback;
}

/** Whether /ServiceProviderConfig says PATCH is supported; null when it does not say. */
export function patchSupportedIn(config: unknown): boolean | null {
  const said = z.object({ patch: z.object({ supported: z.boolean() }) }).safeParse(config);
  return said.success ? said.data.patch.supported : null;
}
