// The alert rules: facts in, the alerts that should be open out. Pure; the caller reads the facts and stores alerts.
import type { AlertKind, AlertSeverity, AlertThresholds } from '../contract.ts';
import { daysBetween } from './days.ts';
import { licencePosition, type PositionFigures } from './licence-position.ts';
import { formatMoney, minorDigits } from './money.ts';
import { noticeDeadline } from './renewal-terms.ts';

export type AlertSubject = { type: string; id: string; name: string };
export type DesiredAlert = {
  kind: AlertKind;
  subject: AlertSubject;
  severity: AlertSeverity;
  level: number;
  message: string;
};

/** A subscription's reconciliation figures (as of today) and terms; `name` as `subscriptionName` words it. */
export type SubscriptionFacts = PositionFigures & {
  id: number;
  name: string;
  renewalDate: string | null;
  noticeDays: number;
  autoRenew: boolean;
  currency: string;
  reclaimable: number;
  reclaimableAnnualCost: number;
};

export type AlertFacts = {
  today: string;
  subscriptions: readonly SubscriptionFacts[];
  /** Apps in use without a subscription, with the status an admin gave them. */
  discovered: readonly { appId: string; appName: string; status: string; users: number }[];
  /** Active people whose every live device last uploaded before `today - silentDays`. */
  silentPeople: readonly { personId: number; email: string; lastSeenDay: string }[];
  thresholds: AlertThresholds;
};

export const DEFAULT_THRESHOLDS: AlertThresholds = { seatsLowPercent: 95, reclaimableAnnualCost: 1000, silentDays: 7 };

/** Renewal notice thresholds in days before the deadline, least urgent first; the index + 1 is the alert level. */
export const NOTICE_THRESHOLDS = [90, 60, 30, 7] as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function renewalAlert(sub: SubscriptionFacts, today: string): DesiredAlert | null {
  if (!sub.renewalDate || sub.renewalDate < today) return null;
  const deadline = noticeDeadline(sub)!;
  const daysLeft = daysBetween(today, deadline);
  const subject = { type: 'subscription', id: String(sub.id), name: sub.name };
  const what = sub.autoRenew ? 'renews automatically' : 'is up for renewal';
  if (daysLeft < 0) {
    return {
      kind: 'renewal_due',
      subject,
      severity: 'critical',
      level: NOTICE_THRESHOLDS.length + 1,
      message: `${sub.name} ${what} on ${sub.renewalDate}; the notice deadline (${deadline}) has passed.`,
    };
  }
  const crossed = NOTICE_THRESHOLDS.filter((threshold) => daysLeft <= threshold).length;
  if (crossed === 0) return null;
  const severity: AlertSeverity = daysLeft <= 7 ? 'critical' : daysLeft <= 30 ? 'warning' : 'info';
  const when = daysLeft === 0 ? 'today' : `in ${plural(daysLeft, 'day')}`;
  return {
    kind: 'renewal_due',
    subject,
    severity,
    level: crossed,
    message: `Notice deadline for ${sub.name} ${when} (${deadline}); it ${what} on ${sub.renewalDate}.`,
  };
}

/** Seat alerts tell both licence positions in the words of every other surface (DESIGN section 5). */
function seatAlerts(sub: SubscriptionFacts, thresholds: AlertThresholds): DesiredAlert[] {
  const subject = { type: 'subscription', id: String(sub.id), name: sub.name };
  if (
    sub.seats === null ||
    sub.licencePosition === null ||
    (sub.metric !== 'named_user' && sub.metric !== 'concurrent')
  )
    return [];
  const position = licencePosition(sub).sentence;
  if (sub.overAssigned > 0 || sub.licencePosition < 0) {
    // Over on the contract but spare by use: reclaiming before the renewal avoids the true-up.
    const unless = sub.licencePosition >= 0 ? ' unless seats are reclaimed first' : '';
    return [
      {
        kind: 'over_assigned',
        subject,
        severity: 'critical',
        level: 1,
        message: `${sub.name}: ${position}. A true-up is likely at renewal${unless}.`,
      },
    ];
  }
  if (sub.seats > 0 && sub.assigned * 100 >= sub.seats * thresholds.seatsLowPercent) {
    return [
      {
        kind: 'seats_low',
        subject,
        severity: 'warning',
        level: 1,
        message:
          `${sub.name}: ${position}; ` + `${Math.round((sub.assigned * 100) / sub.seats)}% of the seats are assigned.`,
      },
    ];
  }
  return [];
}

function reclaimableAlert(sub: SubscriptionFacts, thresholds: AlertThresholds): DesiredAlert | null {
  const threshold = thresholds.reclaimableAnnualCost * 10 ** minorDigits(sub.currency);
  if (sub.reclaimableAnnualCost <= 0 || sub.reclaimableAnnualCost < threshold) return null;
  return {
    kind: 'reclaimable',
    subject: { type: 'subscription', id: String(sub.id), name: sub.name },
    severity: 'warning',
    level: 1,
    message:
      `${sub.name}: ${plural(sub.reclaimable, 'seat')} to reclaim, ` +
      `${formatMoney(sub.reclaimableAnnualCost, sub.currency)} a year; ${licencePosition(sub).sentence}.`,
  };
}

function expiredAlert(sub: SubscriptionFacts, today: string): DesiredAlert | null {
  if (!sub.renewalDate || sub.renewalDate >= today || sub.autoRenew) return null;
  return {
    kind: 'expired',
    subject: { type: 'subscription', id: String(sub.id), name: sub.name },
    severity: 'critical',
    level: 1,
    message:
      `${sub.name} ended on ${sub.renewalDate} and does not renew automatically: ` +
      "record the renewal's new date, or delete the subscription.",
  };
}

export function evaluateAlerts(facts: AlertFacts): DesiredAlert[] {
  const alerts: DesiredAlert[] = [];
  for (const sub of facts.subscriptions) {
    const renewal = renewalAlert(sub, facts.today);
    if (renewal) alerts.push(renewal);
    alerts.push(...seatAlerts(sub, facts.thresholds));
    const reclaimable = reclaimableAlert(sub, facts.thresholds);
    if (reclaimable) alerts.push(reclaimable);
    const expired = expiredAlert(sub, facts.today);
    if (expired) alerts.push(expired);
  }
  for (const app of facts.discovered) {
    if (app.status !== 'under_review') continue;
    alerts.push({
      kind: 'shadow_it',
      subject: { type: 'app', id: app.appId, name: app.appName },
      severity: 'info',
      level: 1,
      message:
        `${app.users === 1 ? '1 person uses' : `${app.users} people use`} ${app.appName} with no subscription; ` +
        'mark it sanctioned or unsanctioned.',
    });
  }
  for (const person of facts.silentPeople) {
    alerts.push({
      kind: 'devices_silent',
      subject: { type: 'person', id: String(person.personId), name: person.email },
      severity: 'warning',
      level: 1,
      message: `No upload from ${person.email}'s browser since ${person.lastSeenDay}: their use is no longer measured.`,
    });
  }
  return alerts;
}

export type LiveAlert = {
  id: number;
  kind: AlertKind;
  subjectType: string;
  subjectId: string;
  level: number;
  state: 'open' | 'acknowledged';
  message: string;
  severity: AlertSeverity;
  snoozedUntil: string | null;
};

export type AlertChanges = {
  create: DesiredAlert[];
  /** Alerts whose message, severity or level changed; `escalated` when the level rose (re-open, notify again). */
  update: { id: number; alert: DesiredAlert; escalated: boolean }[];
  resolve: number[];
  /** What to tell people about: new alerts and escalations, unless snoozed. */
  notify: DesiredAlert[];
};

const keyOf = (kind: string, type: string, id: string) => `${kind}|${type}|${id}`;

/** Compares the alerts that should be open with those that are. */
export function planAlertChanges(
  live: readonly LiveAlert[],
  desired: readonly DesiredAlert[],
  today: string,
): AlertChanges {
  const liveByKey = new Map(live.map((a) => [keyOf(a.kind, a.subjectType, a.subjectId), a]));
  const changes: AlertChanges = { create: [], update: [], resolve: [], notify: [] };
  const seen = new Set<string>();
  for (const alert of desired) {
    const key = keyOf(alert.kind, alert.subject.type, alert.subject.id);
    if (seen.has(key)) continue;
    seen.add(key);
    const current = liveByKey.get(key);
    if (!current) {
      changes.create.push(alert);
      changes.notify.push(alert);
      continue;
    }
    const escalated = alert.level > current.level;
    if (
      escalated ||
      alert.message !== current.message ||
      alert.severity !== current.severity ||
      alert.level !== current.level
    ) {
      changes.update.push({ id: current.id, alert, escalated });
      if (escalated && !(current.snoozedUntil && current.snoozedUntil > today)) changes.notify.push(alert);
    }
  }
  for (const [key, alert] of liveByKey) if (!seen.has(key)) changes.resolve.push(alert.id);
  return changes;
}
