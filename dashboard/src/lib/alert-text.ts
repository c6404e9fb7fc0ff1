// How an alert's message is shown: its subject's name as the link to the subject's page, said once.
import type { Alert } from '../../../server/contract.ts';

/** The message around the subject's name (messages name their subject); a message without it gets the name first. */
export function alertParts(alert: Pick<Alert, 'message' | 'subject'>): [string, string, string] {
  const at = alert.message.indexOf(alert.subject.name);
  if (at < 0) return ['', alert.subject.name, `: ${alert.message}`];
  return [alert.message.slice(0, at), alert.subject.name, alert.message.slice(at + alert.subject.name.length)];
}

/** The page about the alert's subject, or null when it has none (a browser, say). */
export function alertLink(alert: Pick<Alert, 'subject'>): string | null {
  switch (alert.subject.type) {
    case 'subscription':
      return `#/subscriptions/${alert.subject.id}`;
    case 'person':
      return `#/people/${alert.subject.id}`;
    case 'app':
      return '#/shadow-it';
    default:
      return null;
  }
}
