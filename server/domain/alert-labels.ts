// What each alert kind and severity is called wherever a person reads it: the dashboard, emails and webhooks.
// Types only from the contract, so the dashboard can import this without bundling zod.
import type { AlertKind, AlertSeverity } from '../contract.ts';

export const KIND_LABEL: Record<AlertKind, string> = {
  renewal_due: 'Renewal notice due',
  seats_low: 'Seats running out',
  over_assigned: 'More users than seats',
  reclaimable: 'Seats to reclaim',
  expired: 'Subscription expired',
  shadow_it: 'Shadow IT',
  devices_silent: 'Browser gone silent',
};

export const SEVERITY_LABEL: Record<AlertSeverity, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };
