// Contract registers: the import's reply, vendor aliases and the purchase records each imported line leaves.
import { z } from 'zod';
import { AppId } from './devices.ts';
import { BillingPeriod, Metric } from './inventory.ts';
import { oneLine } from './primitives.ts';

const ContractFields = z
  .object({
    plan: z.string(),
    metric: Metric,
    seats: z.number().int().nullable(),
    unitCost: z.number().int(),
    currency: z.string(),
    billingPeriod: BillingPeriod,
    startDate: z.string().nullable(),
    renewalDate: z.string().nullable(),
    autoRenew: z.boolean(),
    noticeDays: z.number().int(),
    ownerEmail: z.string().nullable(),
    department: z.string().nullable(),
  })
  .partial();

export const ContractImportReply = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Lines whose vendor is no app (or several, and the product did not choose): listed, never guessed. */
  unmatched: z.array(
    z.object({
      row: z.number().int(),
      vendor: z.string(),
      product: z.string(),
      reason: z.string(),
      /** The apps the vendor stands for when it is ambiguous. */
      candidates: z.array(z.string()),
    }),
  ),
  skipped: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  warnings: z.array(z.string()),
  /** The header names the import used, by what it read from them. */
  columns: z.record(z.string(), z.string()),
  changes: z.array(
    z.object({
      row: z.number().int(),
      change: z.enum(['add', 'update']),
      subscriptionId: z.number().int().nullable(),
      appId: z.string(),
      appName: z.string(),
      plan: z.string(),
      contractRef: z.string().nullable(),
      before: ContractFields.nullable(),
      after: ContractFields,
    }),
  ),
  /** The preview lists at most 500 changes; changesTruncated says when there were more. */
  changesTruncated: z.boolean(),
});
export type ContractImportReply = z.infer<typeof ContractImportReply>;

export const ContractImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** The register's file name, kept on each purchase record (a multipart upload brings its own). */
  fileName: oneLine({ min: 1, max: 200 }).optional(),
});

export const VendorAlias = z.object({
  /** Normalised: lower case, no punctuation or legal suffix ("slack technologies"). */
  alias: z.string(),
  appId: z.string(),
  appName: z.string(),
  source: z.enum(['admin', 'shipped']),
  createdBy: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type VendorAlias = z.infer<typeof VendorAlias>;

export const CreateVendorAliasBody = z
  .object({
    /** The vendor as the register writes it ("Acme Widgets GmbH"); stored normalised. */
    vendor: oneLine({ min: 1, max: 200 }),
    appId: AppId,
  })
  .strict();
export type CreateVendorAliasBody = z.infer<typeof CreateVendorAliasBody>;

export const PurchaseRecord = z.object({
  id: z.number().int(),
  subscriptionId: z.number().int().nullable(),
  contractRef: z.string().nullable(),
  vendor: z.string().nullable(),
  fileName: z.string().nullable(),
  /** The line's row in its file as a spreadsheet numbers it (the header is row 1). */
  row: z.number().int(),
  quantity: z.number().int().nullable(),
  /** Minor units of `currency`. */
  lineTotal: z.number().int().nullable(),
  currency: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  importedBy: z.string(),
  importedAt: z.string(),
});
export type PurchaseRecord = z.infer<typeof PurchaseRecord>;
