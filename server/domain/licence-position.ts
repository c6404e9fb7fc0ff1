// Words a subscription's two licence positions (DESIGN section 5) in one sentence, the same on every surface.
// The contract position is seats handed out against seats bought (what a vendor bills at true-up); the usage
// position is seats needed against seats bought. Both can hold at once, so they are always told together.
import type { ReconciliationRow } from '../contract.ts';

export type PositionFigures = Pick<
  ReconciliationRow,
  | 'metric'
  | 'seats'
  | 'assigned'
  | 'unassigned'
  | 'overAssigned'
  | 'counts'
  | 'neededSeats'
  | 'licencePosition'
  | 'activePeople'
  | 'peakDailyActive'
>;

/**
 * `over`: more handed out than bought; `short`: more needed than
 * bought; `spare`: shelfware; `even`; `none`: no seats to count.
 */
export type PositionTone = 'over' | 'short' | 'spare' | 'even' | 'none';

export type LicencePosition = { contract: string; usage: string; sentence: string; tone: PositionTone };

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

function contractWords(row: PositionFigures, seats: number): string {
  const bought = row.metric === 'concurrent' ? `${seats} concurrent seats bought` : `${seats} bought`;
  if (row.metric === 'concurrent' && row.assigned === 0) return bought;
  const base = `${row.assigned} assigned on ${bought}`;
  if (row.overAssigned > 0) return `${base}, ${row.overAssigned} over`;
  if ((row.unassigned ?? 0) > 0) return `${base}, ${row.unassigned} unassigned`;
  return base;
}

/** "so 33 would be spare after reclaiming 47" / "so 14 short" / "exactly enough". */
function outcome(position: number, toReclaim: number): string {
  if (position < 0) return `so ${-position} short`;
  if (position === 0) return 'exactly enough';
  return toReclaim > 0 ? `so ${position} would be spare after reclaiming ${toReclaim}` : `so ${position} spare`;
}

function usageWords(row: PositionFigures, position: number): string {
  if (row.metric === 'concurrent') {
    return `${people(row.activePeople)} active, at most ${row.peakDailyActive} on one day, ${outcome(position, 0)}`;
  }
  const needed = row.neededSeats ?? 0;
  // Seats to take back, net, so that exactly the people who need one hold one: assigned minus needed. Then the
  // sentence adds up ("194 assigned ... 147 need one ... 33 spare after reclaiming 47": 180 - (194 - 47) = 33).
  const toReclaim = Math.max(0, row.assigned - needed);
  return `${needed} ${needed === 1 ? 'needs' : 'need'} one, ${outcome(position, toReclaim)}`;
}

function uncountedWords(row: PositionFigures): LicencePosition {
  const contract =
    row.metric === 'site'
      ? `site licence for everyone${row.assigned > 0 ? `, ${row.assigned} accounts listed` : ''}`
      : 'flat fee, no seat count';
  const leavers = row.counts.left;
  const usage =
    `${people(row.activePeople)} active` +
    (leavers > 0 ? `; ${leavers} ${leavers === 1 ? "leaver's account" : "leavers' accounts"} to remove` : '');
  return { contract, usage, sentence: `${contract}; ${usage}`, tone: 'none' };
}

export function licencePosition(row: PositionFigures): LicencePosition {
  if (row.seats === null || row.licencePosition === null) return uncountedWords(row);
  const contract = contractWords(row, row.seats);
  const usage = usageWords(row, row.licencePosition);
  const tone: PositionTone =
    row.overAssigned > 0 ? 'over' : row.licencePosition < 0 ? 'short' : row.licencePosition > 0 ? 'spare' : 'even';
  return { contract, usage, sentence: `${contract}; ${usage}`, tone };
}
