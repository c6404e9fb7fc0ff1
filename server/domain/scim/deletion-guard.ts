// The mass-deletion guard: a vendor answering an empty or truncated list must not wipe the seat list. A sync that
// removes more than the connector's share of the seats stops unless someone confirmed that many removals.
export type DeletionCheck = { ok: true } | { ok: false; message: string };

/**
 * `seats`: stored now; `removing`: what the sync would remove; `maxShare` in [0, 1]. A list of at most 3 seats is
 * never guarded by share alone (removing 1 of 2 is 50%), and `confirmedRemovals` at least `removing` lets it pass.
 */
export function checkDeletions(input: {
  seats: number;
  removing: number;
  maxShare: number;
  confirmedRemovals: number | null;
}): DeletionCheck {
  const { seats, removing, maxShare, confirmedRemovals } = input;
  if (removing === 0 || seats <= 3) return { ok: true };
  if (removing / seats <= maxShare) return { ok: true };
  if (confirmedRemovals !== null && confirmedRemovals >= removing) return { ok: true };
  const percent = Math.round((removing / seats) * 100);
  return {
    ok: false,
    message:
      `Nothing was changed: this sync would remove ${removing} of ${seats} seats (${percent}%), more than the ` +
      `connector allows in one sync (${Math.round(maxShare * 100)}%). Check the vendor's user list; if it is right, ` +
      `sync again confirming ${removing} removals.`,
  };
}
