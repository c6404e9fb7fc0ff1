// People, HR imports, activity and extension coverage.
import { z } from 'zod';
import { importReplyFields } from './inventory.ts';
import { Day } from './primitives.ts';

export const PersonStatus = z.enum(['active', 'left']);
export type PersonStatus = z.infer<typeof PersonStatus>;

/** What Seatwise knows of a person besides the email, as HR imports set it. */
const PersonFields = z.object({
  name: z.string().nullable(),
  department: z.string().nullable(),
  /** Location or cost centre. */
  location: z.string().nullable(),
  managerEmail: z.string().nullable(),
  status: PersonStatus,
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
});

export const Person = z.object({
  id: z.number().int(),
  email: z.string(),
  ...PersonFields.shape,
  /** Devices enrolled and not revoked. */
  devices: z.number().int(),
  /** The last upload from any of the person's devices. */
  lastSeenAt: z.string().nullable(),
  /** Seats held, over all subscriptions. */
  seats: z.number().int(),
  /** `enrollment`: first seen when a browser enrolled the email; `directory`: added by an import or by hand. */
  source: z.enum(['directory', 'enrollment']),
  /** When an HR import last listed the person; an enrolled person stays unconfirmed until one does. */
  confirmedAt: z.string().nullable(),
});
export type Person = z.infer<typeof Person>;

export const PersonList = z.object({ total: z.number().int(), people: z.array(Person) });
export type PersonList = z.infer<typeof PersonList>;

export const PersonSeat = z.object({
  seatId: z.number().int(),
  subscriptionId: z.number().int(),
  appId: z.string(),
  appName: z.string(),
  plan: z.string(),
  assignedAt: z.string(),
  source: z.enum(['manual', 'import']),
  vendorLastActiveAt: z.string().nullable(),
});
export type PersonSeat = z.infer<typeof PersonSeat>;

export const UsageErased = z.object({ erasedDays: z.number().int() });

const PersonFieldChanges = PersonFields.partial();

export const PeopleImportReply = z.object({
  ...importReplyFields,
  added: z.number().int(),
  /** People whose fields changed, including those a replace marks as leavers. */
  updated: z.number().int(),
  /** People this import makes leavers: by status or a past end date in the file, or missing from a replace. */
  leavers: z.number().int(),
  unchanged: z.number().int(),
  /** The header names the import used (null: the file has no such column). */
  columns: z.object({
    email: z.string(),
    name: z.string().nullable(),
    department: z.string().nullable(),
    location: z.string().nullable(),
    manager: z.string().nullable(),
    status: z.string().nullable(),
    start: z.string().nullable(),
    end: z.string().nullable(),
  }),
  /** Only the fields that change. */
  changes: z.array(
    z.object({
      email: z.string(),
      change: z.enum(['add', 'update', 'leave']),
      before: PersonFieldChanges.optional(),
      after: PersonFieldChanges.optional(),
    }),
  ),
});
export type PeopleImportReply = z.infer<typeof PeopleImportReply>;

// ---- activity and coverage ----

export const DailyActivity = z.object({ day: Day, activeUsers: z.number().int(), activeSeconds: z.number().int() });
export type DailyActivity = z.infer<typeof DailyActivity>;

export const Coverage = z.object({
  /** People whose status is active. */
  people: z.number().int(),
  /** Of them, with an enrolled device that is not revoked. */
  withDevice: z.number().int(),
  /** Of them, whose device uploaded in the last 7 days. */
  reportingLast7Days: z.number().int(),
  /**
   * Per department. Figures about fewer than `minGroupSize` people (privacy settings) are never exact: such a
   * department has `people` and `reporting` null, `suppressed` true and `fewerThan` that size ("fewer than N"); a
   * larger department whose counts would let a smaller one be worked out from the totals is suppressed too, with
   * `fewerThan` null.
   */
  byDepartment: z.array(
    z.object({
      department: z.string().nullable(),
      people: z.number().int().nullable(),
      reporting: z.number().int().nullable(),
      suppressed: z.boolean(),
      fewerThan: z.number().int().nullable(),
    }),
  ),
});
export type Coverage = z.infer<typeof Coverage>;

export const Defaults = z.object({
  activityWindowDays: z.number().int().min(1).max(365),
  minActiveMinutes: z.number().int().min(0).max(1440),
});
export type Defaults = z.infer<typeof Defaults>;
export const Settings = z.object({ defaults: Defaults });
export type Settings = z.infer<typeof Settings>;
export const UpdateSettingsBody = z.object({ defaults: Defaults.partial().strict() }).strict();
