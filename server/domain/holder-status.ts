// Everything a surface needs to know about each seat-holder status, defined once and keyed by HolderStatus, so a
// new status fails to compile until it has a label, a mark and a reclaim rule.
import type { HolderStatus } from '../contract.ts';

export type HolderStatusInfo = {
  label: string;
  /** A shape beside the word, so the status never rests on colour alone. */
  mark: string;
  /** Whether IT may reclaim the seat (DESIGN section 5: `reclaimable = left + idle + never_used + unassigned`). */
  reclaimable: boolean;
};

export const HOLDER_STATUS: Record<HolderStatus, HolderStatusInfo> = {
  active: { label: 'Active', mark: '●', reclaimable: false },
  grace: { label: 'Grace', mark: '◐', reclaimable: false },
  idle: { label: 'Idle', mark: '○', reclaimable: true },
  never_used: { label: 'Never used', mark: '✕', reclaimable: true },
  unmonitored: { label: 'Unmonitored', mark: '?', reclaimable: false },
  left: { label: 'Left', mark: '⏏', reclaimable: true },
};

export const HOLDER_STATUSES = Object.keys(HOLDER_STATUS) as HolderStatus[];

export const isHolderStatus = (value: string): value is HolderStatus => Object.hasOwn(HOLDER_STATUS, value);

/** Whether a holder with this status (a stored string, perhaps from an older version) may have their seat reclaimed. */
export const isReclaimableStatus = (value: string): boolean =>
  isHolderStatus(value) && HOLDER_STATUS[value].reclaimable;
