// An alert's message in the dashboard: the subject's name is the link, said once, and the link goes to its page.
import { describe, expect, it } from 'vitest';
import { alertLink, alertParts } from '../../dashboard/src/lib/alert-text.ts';

const subject = (type: string, id = '4', name = 'Slack Business+') => ({ type, id, name });

describe('alert text', () => {
  it.each<[string, string, string, [string, string, string]]>([
    [
      'name in the middle',
      'Seats of Slack Business+ run out',
      'Slack Business+',
      ['Seats of ', 'Slack Business+', ' run out'],
    ],
    ['name first', 'Slack Business+ renews soon', 'Slack Business+', ['', 'Slack Business+', ' renews soon']],
    ['name last', 'Renews soon: Slack Business+', 'Slack Business+', ['Renews soon: ', 'Slack Business+', '']],
    ['name said twice: the first is the link', 'A then A', 'A', ['', 'A', ' then A']],
    [
      'name missing: it goes first',
      'A browser is silent',
      'ann@acme.test',
      ['', 'ann@acme.test', ': A browser is silent'],
    ],
  ])('splits a message with the %s', (_name, message, name, parts) => {
    expect(alertParts({ message, subject: subject('subscription', '1', name) })).toEqual(parts);
  });

  it.each<[string, string | null]>([
    ['subscription', '#/subscriptions/4'],
    ['person', '#/people/4'],
    ['app', '#/shadow-it'],
    ['device', null],
    ['settings', null],
  ])('links a %s subject to %s', (type, link) => {
    expect(alertLink({ subject: subject(type) })).toBe(link);
  });
});
