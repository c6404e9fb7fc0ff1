// A vendor's SCIM users as the whole seat list of a subscription (an import with mode=replace): active users with an
// email are the seats, the rest are skipped with a reason, numbered by their place in the vendor's list.
import {
  compareWithSeats,
  type ExistingSeat,
  type KeptSeat,
  type SeatImportPlan,
  type SkippedRow,
} from '../seat-import.ts';
import type { ScimUserResource } from './list-response.ts';
import { seatEmailOf } from './seat-email.ts';

export const SCIM_COLUMNS: SeatImportPlan['columns'] = {
  email: 'emails (primary), else userName',
  lastActive: null,
  status: ['active'],
  assigned: null,
};

export function planScimSeatList(input: {
  users: readonly ScimUserResource[];
  existing: readonly ExistingSeat[];
  /** The day new seats count as assigned (SCIM says nothing about it). */
  assignedAt: string;
}): SeatImportPlan {
  const kept = new Map<string, KeptSeat>();
  const skipped: SkippedRow[] = [];
  input.users.forEach((user, index) => {
    const row = index + 1;
    const seat = seatEmailOf(user);
    if ('skip' in seat) {
      skipped.push({ row, reason: seat.skip });
      return;
    }
    const earlier = kept.get(seat.email);
    if (earlier) {
      skipped.push({ row, reason: `duplicate of user ${earlier.row}` });
      return;
    }
    kept.set(seat.email, { row, vendorLastActiveDay: null, assignedAt: input.assignedAt });
  });
  return compareWithSeats({
    rows: input.users.length,
    kept,
    existing: input.existing,
    mode: 'replace',
    skipped,
    warnings: [],
    comparesLastActive: false,
    columns: SCIM_COLUMNS,
  });
}
