// What a notification says: a Slack-compatible webhook body and an email with plain-text and HTML parts. Pure.
import type { AlertKind, AlertSeverity } from '../contract.ts';
import { KIND_LABEL } from '../domain/alert-labels.ts';
import { escapeHtml } from '../domain/html-text.ts';

export type AlertNotice = {
  kind: AlertKind;
  severity: AlertSeverity;
  subject: { type: string; id: string; name: string };
  message: string;
};
export type EmailContent = { subject: string; text: string; html: string };
export type WebhookBody = { text: string; seatwise: { event: string; [key: string]: unknown } };

const SEVERITY_MARK: Record<AlertSeverity, string> = { info: 'ℹ️', warning: '⚠️', critical: '🔴' };

/**
 * Text for Slack's mrkdwn: `&`, `<` and `>` written as Slack asks (`&amp;`, `&lt;`, `&gt;`), so a name such as
 * `<!channel>` or `<https://evil.example|click>` shows as typed instead of pinging everyone or hiding a link.
 */
export function escapeSlack(text: string): string {
  return text.replace(/[&<>]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[ch]!);
}

/** The dashboard page about an alert's subject, when the server knows its public address. */
export function subjectLink(baseUrl: string | null, subject: { type: string; id: string }): string | null {
  if (!baseUrl) return null;
  const base = baseUrl.replace(/\/$/, '');
  if (subject.type === 'subscription') return `${base}/#/subscriptions/${encodeURIComponent(subject.id)}`;
  if (subject.type === 'person') return `${base}/#/people/${encodeURIComponent(subject.id)}`;
  if (subject.type === 'app') return `${base}/#/shadow-it`;
  return `${base}/#/alerts`;
}

export function alertWebhookBody(
  alert: AlertNotice,
  event: 'alert.opened' | 'alert.escalated',
  baseUrl: string | null,
): WebhookBody {
  const link = subjectLink(baseUrl, alert.subject);
  return {
    text:
      `${SEVERITY_MARK[alert.severity]} *${KIND_LABEL[alert.kind]}*: ${escapeSlack(alert.message)}` +
      (link ? ` <${link}|Open in Seatwise>` : ''),
    seatwise: {
      event,
      alert: { kind: alert.kind, severity: alert.severity, subject: alert.subject, message: alert.message, link },
    },
  };
}

export function alertEmail(alert: AlertNotice, baseUrl: string | null): EmailContent {
  const link = subjectLink(baseUrl, alert.subject);
  const title = `${KIND_LABEL[alert.kind]}: ${alert.subject.name}`;
  const why = `Severity: ${alert.severity}. You get this because you are on Seatwise's alert list.`;
  return {
    subject: `[Seatwise] ${title}`,
    text: `${alert.message}\n${link ? `\nOpen in Seatwise: ${link}\n` : ''}\n${why}`,
    html:
      `<p><strong>${escapeHtml(title)}</strong></p><p>${escapeHtml(alert.message)}</p>` +
      (link ? `<p><a href="${escapeHtml(link)}">Open in Seatwise</a></p>` : '') +
      `<p style="color:#5a6275">${why}</p>`,
  };
}

/** The email asking a seat holder whether they still need the seat, with one link to keep it or give it back. */
export function reclaimRequestEmail(input: {
  subscriptionName: string;
  respondBy: string;
  link: string;
}): EmailContent {
  const { subscriptionName, respondBy, link } = input;
  return {
    subject: `[Seatwise] Do you still need your ${subscriptionName} seat?`,
    text:
      `Hello,\n\nyour ${subscriptionName} account has seen little or no use lately. If you no longer need it, ` +
      `give it back so it can go to someone who does. If you still need it, say so and it stays.\n\n` +
      `Answer here by ${respondBy}: ${link}\n\nWithout an answer by then, IT may remove the seat.\n`,
    html:
      `<p>Hello,</p><p>your <strong>${escapeHtml(subscriptionName)}</strong> account has seen little or no use ` +
      'lately. If you no longer need it, ' +
      `give it back so it can go to someone who does. If you still need it, say so and it stays.</p>` +
      `<p><a href="${escapeHtml(link)}">Keep or give back the seat</a> (answer by ${escapeHtml(respondBy)})</p>` +
      `<p style="color:#5a6275">Without an answer by then, IT may remove the seat.</p>`,
  };
}
