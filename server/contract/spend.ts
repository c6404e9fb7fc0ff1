// Spend: importing card, expense and ledger exports, what was paid per app against the contract, and the merchant
// rules that match card descriptors to apps.
import { z } from 'zod';
import { AppId } from './devices.ts';
import { Currency } from './inventory.ts';
import { Day, oneLine } from './primitives.ts';

export const SpendSource = z.enum(['expensify', 'ramp', 'brex', 'quickbooks', 'netsuite', 'generic']);

export const MerchantTotal = z.object({
  merchant: z.string(),
  total: z.number().int(),
  currency: z.string(),
  lines: z.number().int(),
});
export type MerchantTotal = z.infer<typeof MerchantTotal>;

export const AppSpendTotal = z.object({
  appId: z.string(),
  appName: z.string(),
  total: z.number().int(),
  currency: z.string(),
  lines: z.number().int(),
});

export const SpendImportReply = z.object({
  dryRun: z.boolean(),
  source: SpendSource,
  /** Spend lines in the file. */
  lines: z.number().int(),
  /** Lines stored by this import (0 for a dry run and for a file imported before). */
  added: z.number().int(),
  alreadyImported: z.number().int(),
  matched: z.number().int(),
  unmatched: z.array(MerchantTotal),
  byApp: z.array(AppSpendTotal),
  skipped: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  columns: z.record(z.string(), z.string().nullable()),
  warnings: z.array(z.string()),
});
export type SpendImportReply = z.infer<typeof SpendImportReply>;

export const PaidSpendRow = z.object({
  appId: z.string(),
  appName: z.string(),
  currency: z.string(),
  /** Paid in the period (minor units; refunds netted). */
  paid: z.number().int(),
  /** Paid scaled to 365 days: paid x 365 / days in the period. */
  annualised: z.number().int(),
  /** What the app's subscriptions in this currency cost a year; null when none (shadow IT). */
  annualCost: z.number().int().nullable(),
  /** annualised - annualCost; null without a subscription. */
  difference: z.number().int().nullable(),
  lines: z.number().int(),
  payers: z.number().int(),
  priceRise: z
    .object({ day: Day, paid: z.number().int(), previousDay: Day, previousPaid: z.number().int() })
    .nullable(),
  doubleBilling: z
    .object({ period: z.string(), charges: z.number().int(), paid: z.number().int(), contracted: z.number().int() })
    .nullable(),
});
export type PaidSpendRow = z.infer<typeof PaidSpendRow>;

export const SpendTotals = z.object({
  currency: z.string(),
  paid: z.number().int(),
  annualised: z.number().int(),
  /** Every subscription in the currency, as the overview's annual cost. */
  annualCost: z.number().int(),
});

export const SpendReport = z.object({
  from: Day,
  to: Day,
  days: z.number().int(),
  apps: z.array(PaidSpendRow),
  totals: z.array(SpendTotals),
});
export type SpendReport = z.infer<typeof SpendReport>;

export const SpendQuery = z.object({ from: Day.optional(), to: Day.optional(), appId: AppId.optional() });

export const MerchantRule = z.object({
  id: z.number().int(),
  pattern: z.string(),
  appId: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type MerchantRule = z.infer<typeof MerchantRule>;

export const CreateMerchantRuleBody = z.object({
  pattern: oneLine({ min: 1, max: 100 }).refine((p) => /[a-z0-9]/i.test(p), 'must hold a letter or digit'),
  appId: AppId,
});
export type CreateMerchantRuleBody = z.infer<typeof CreateMerchantRuleBody>;

export const CreateMerchantRuleReply = z.object({ rule: MerchantRule, rematched: z.number().int() });
export type CreateMerchantRuleReply = z.infer<typeof CreateMerchantRuleReply>;

export const SpendCurrency = Currency;
