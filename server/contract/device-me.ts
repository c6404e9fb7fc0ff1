// GET /devices/me: what the server holds about the device's person, so the extension can show "what your company sees".
import { z } from 'zod';
import { Day } from './primitives.ts';
import { HolderStatus } from './reconciliation.ts';

export const DeviceMeApp = z.object({
  appId: z.string(),
  appName: z.string(),
  /** Active seconds in the retention period, summed over the person's devices. */
  activeSeconds: z.number().int(),
  /** Days in the period on which the server holds usage of the app. */
  days: z.number().int(),
  lastDay: Day,
});
export type DeviceMeApp = z.infer<typeof DeviceMeApp>;

export const DeviceMeSeat = z.object({
  seatId: z.number().int(),
  subscriptionId: z.number().int(),
  appId: z.string(),
  appName: z.string(),
  plan: z.string(),
  assignedAt: Day,
  /** As reconciliation classifies the holder today; null: the seat is assigned from a later day. */
  status: HolderStatus.nullable(),
  /** The subscription's activity window and the person's active seconds in it, as judged (0 while status is null). */
  activityWindowDays: z.number().int(),
  activeSecondsInWindow: z.number().int(),
});
export type DeviceMeSeat = z.infer<typeof DeviceMeSeat>;

export const DeviceMe = z.object({
  /** The person as the server knows them: for a device enrolled through single sign-on, the IdP's email. */
  person: z.object({ email: z.string(), name: z.string().nullable() }),
  device: z.object({
    id: z.string(),
    /** Enrolled through single sign-on: the identity provider vouched for the email. */
    verified: z.boolean(),
  }),
  /** Usage older than `days` days is deleted; every figure below covers `from` to `to` (today, UTC). */
  retention: z.object({ days: z.number().int(), from: Day, to: Day }),
  /** Days in the period on which the server holds usage of any app. */
  daysWithUsage: z.number().int(),
  totalSeconds: z.number().int(),
  /** By active seconds, most first. */
  apps: z.array(DeviceMeApp),
  seats: z.array(DeviceMeSeat),
});
export type DeviceMe = z.infer<typeof DeviceMe>;
