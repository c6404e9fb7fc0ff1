// Works-council mode's pseudonyms and masks, by tables: stable per person and key, different per installation, and
// every email and name of a pseudonymised person replaced wherever a reply holds it.
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type MaskedPerson, maskTable, maskText, maskValue, type PersonMask } from '../../server/domain/person-mask.ts';
import { PSEUDONYM_EMAIL_DOMAIN, pseudonymOf } from '../../server/domain/pseudonyms.ts';
import { createSecretBox } from '../../server/secrets/secret-box.ts';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);

describe('pseudonymOf', () => {
  it.each([
    [KEY, 1],
    [KEY, 2],
    [KEY, 123_456],
    [OTHER_KEY, 1],
  ])('is `Person <12 hex digits>` with the matching email, the same every time (key %#, person %i)', (key, id) => {
    const first = pseudonymOf(key, id);
    expect(first.label).toMatch(/^Person [0-9a-f]{12}$/);
    expect(first.email).toBe(`person-${first.label.slice(7)}@${PSEUDONYM_EMAIL_DOMAIN}`);
    expect(pseudonymOf(key, id)).toEqual(first);
  });

  it('is the standard HMAC-SHA256 of the person id under the key, cut to 12 hex digits', () => {
    const expected = createHmac('sha256', KEY).update('person:42').digest('hex').slice(0, 12);
    expect(pseudonymOf(KEY, 42).label).toBe(`Person ${expected}`);
  });

  it.each([
    ['another person, same installation', KEY, 2],
    ['the same person, another installation', OTHER_KEY, 1],
  ])('differs for %s', (_case, key, id) => {
    expect(pseudonymOf(key, id).label).not.toBe(pseudonymOf(KEY, 1).label);
  });

  it('gives 10,000 people 10,000 different pseudonyms', () => {
    const labels = new Set(Array.from({ length: 10_000 }, (_, id) => pseudonymOf(KEY, id).label));
    expect(labels.size).toBe(10_000);
  });
});

describe('the pseudonym key', () => {
  const secretKey = randomBytes(32);
  it.each([
    ['the same secret key and installation', secretKey, 'inst-a', true],
    ['another installation id', secretKey, 'inst-b', false],
    ['another secret key', randomBytes(32), 'inst-a', false],
  ])('derived with %s is %s the same', (_case, key, installation, same) => {
    const base = createSecretBox(secretKey).derive('pseudonym.key', 'inst-a');
    const derived = createSecretBox(key).derive('pseudonym.key', installation);
    expect(derived).toHaveLength(32);
    expect(derived.equals(base)).toBe(same);
  });

  it('is not the secret key itself', () => {
    expect(createSecretBox(secretKey).derive('pseudonym.key', 'inst-a').equals(secretKey)).toBe(false);
  });
});

const ADA: MaskedPerson = {
  label: 'Person aaaaaaaaaaaa',
  email: 'person-aaaaaaaaaaaa@pseudonymised.invalid',
  department: null,
};
const BOB: MaskedPerson = {
  label: 'Person bbbbbbbbbbbb',
  email: 'person-bbbbbbbbbbbb@pseudonymised.invalid',
  department: 'Sales',
};
/** Ada and Bob are pseudonymised; Cy (cy@example.com) holds an idle seat and keeps his name. */
const mask: PersonMask = {
  byEmail: (email) => ({ 'ada@example.com': ADA, 'bob@example.com': BOB })[email.trim().toLowerCase()] ?? null,
  byName: (name) => ({ 'Ada Lovelace': ADA, 'Bob Byte': BOB })[name.trim()] ?? null,
};

describe('maskText', () => {
  it.each([
    ['ada@example.com', ADA.email],
    ['ADA@example.com', ADA.email],
    ['Ada Lovelace', ADA.label],
    ['cy@example.com', 'cy@example.com'],
    ['Cy Idle', 'Cy Idle'],
    ['user:bob@example.com', `user:${BOB.email}`],
    [
      "No upload from ada@example.com's browser since 2026-11-01",
      `No upload from ${ADA.email}'s browser since 2026-11-01`,
    ],
    ['ada@example.com, cy@example.com', `${ADA.email}, cy@example.com`],
    ['Slack', 'Slack'],
    ['', ''],
  ])('%j -> %j', (text, expected) => {
    expect(maskText(mask, text)).toBe(expected);
  });
});

describe('maskValue', () => {
  it.each([
    [
      'a person row: email and name, a small department and details left out',
      {
        id: 1,
        email: 'ada@example.com',
        name: 'Ada Lovelace',
        department: 'Legal',
        location: 'Berlin',
        startDate: '2020-01-01',
        endDate: null,
        managerEmail: 'bob@example.com',
      },
      {
        id: 1,
        email: ADA.email,
        name: ADA.label,
        department: null,
        location: null,
        startDate: null,
        endDate: null,
        managerEmail: BOB.email,
      },
    ],
    [
      'a department big enough stays',
      { email: 'bob@example.com', name: null, department: 'Sales' },
      { email: BOB.email, name: BOB.label, department: 'Sales' },
    ],
    [
      'a holder needing action keeps everything',
      { email: 'cy@example.com', name: 'Cy Idle', department: 'Legal', location: 'Paris' },
      { email: 'cy@example.com', name: 'Cy Idle', department: 'Legal', location: 'Paris' },
    ],
    [
      'a named holder keeps their name when a pseudonymised person has the same one',
      { email: 'cy@example.com', name: 'Ada Lovelace' },
      { email: 'cy@example.com', name: 'Ada Lovelace' },
    ],
    [
      'an alert subject names the person by email',
      { subject: { type: 'person', id: '1', name: 'ada@example.com' }, message: 'No upload from ada@example.com' },
      { subject: { type: 'person', id: '1', name: ADA.email }, message: `No upload from ${ADA.email}` },
    ],
    [
      'an audit entry: actor and a name without its email',
      { actor: 'user:bob@example.com', before: { name: 'Ada Lovelace' }, after: [{ name: 'Bob Byte' }] },
      { actor: `user:${BOB.email}`, before: { name: ADA.label }, after: [{ name: BOB.label }] },
    ],
    [
      'figures and other fields untouched',
      { seats: 3, name: 'Slack', department: 'Legal', ok: true, none: null },
      { seats: 3, name: 'Slack', department: 'Legal', ok: true, none: null },
    ],
  ])('%s', (_case, value, expected) => {
    expect(maskValue(mask, value)).toEqual(expected);
  });

  it('is idempotent: a masked reply masked again is the same', () => {
    const once = maskValue(mask, [{ email: 'ada@example.com', name: 'Ada Lovelace' }]);
    expect(maskValue(mask, once)).toEqual(once);
  });
});

describe('maskTable', () => {
  it('masks a seats CSV row by its email column, keeps a named holder and every figure', () => {
    const table = {
      header: ['subscription', 'email', 'name', 'department', 'status', 'active seconds'],
      rows: [
        ['Slack', 'ada@example.com', 'Ada Lovelace', 'Legal', 'active', 3600],
        ['Slack', 'bob@example.com', null, 'Sales', 'active', 60],
        ['Slack', 'cy@example.com', 'Cy Idle', 'Legal', 'idle', 0],
      ],
    };
    expect(maskTable(mask, table)).toEqual({
      header: table.header,
      rows: [
        ['Slack', ADA.email, ADA.label, null, 'active', 3600],
        ['Slack', BOB.email, BOB.label, 'Sales', 'active', 60],
        ['Slack', 'cy@example.com', 'Cy Idle', 'Legal', 'idle', 0],
      ],
    });
  });
});
