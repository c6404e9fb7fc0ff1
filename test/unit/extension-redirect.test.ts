import { describe, expect, it } from 'vitest';
import { extensionRedirect, redirectWithCode } from '../../server/domain/extension-redirect.ts';

const CHROME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const FIREFOX_HASH = '0123456789abcdef0123456789abcdef01234567';

describe('extensionRedirect', () => {
  it.each([
    ['Chrome getRedirectURL()', `https://${CHROME_ID}.chromiumapp.org/`, `https://${CHROME_ID}.chromiumapp.org/`],
    ['Chrome without the slash', `https://${CHROME_ID}.chromiumapp.org`, `https://${CHROME_ID}.chromiumapp.org/`],
    ['Chrome with a path', `https://${CHROME_ID}.chromiumapp.org/sso`, `https://${CHROME_ID}.chromiumapp.org/sso`],
    [
      'Firefox getRedirectURL()',
      `https://${FIREFOX_HASH}.extensions.allizom.org/`,
      `https://${FIREFOX_HASH}.extensions.allizom.org/`,
    ],
    ['a web site', 'https://evil.test/', null],
    ['a look-alike host', `https://${CHROME_ID}.chromiumapp.org.evil.test/`, null],
    ['a sub-subdomain', `https://x.${CHROME_ID}.chromiumapp.org/`, null],
    ['an id with letters past p', `https://${'z'.repeat(32)}.chromiumapp.org/`, null],
    ['an id too short', `https://${CHROME_ID.slice(1)}.chromiumapp.org/`, null],
    ['upper-case id', `https://${CHROME_ID.toUpperCase()}.chromiumapp.org/`, null],
    ['plain http', `http://${CHROME_ID}.chromiumapp.org/`, null],
    ['a user name', `https://me@${CHROME_ID}.chromiumapp.org/`, null],
    ['a port', `https://${CHROME_ID}.chromiumapp.org:8443/`, null],
    ['a query', `https://${CHROME_ID}.chromiumapp.org/?next=https://evil.test`, null],
    ['a fragment', `https://${CHROME_ID}.chromiumapp.org/#x`, null],
    ['dot segments', `https://${CHROME_ID}.chromiumapp.org/a/../b`, null],
    ['Firefox hash not hex', `https://${'g'.repeat(40)}.extensions.allizom.org/`, null],
    ['not a URL', 'chromiumapp.org', null],
    ['empty', '', null],
  ])('%s', (_name, input, expected) => {
    expect(extensionRedirect(input)).toBe(expected);
  });
});

describe('redirectWithCode', () => {
  it('adds the code as a query parameter', () => {
    expect(redirectWithCode(`https://${CHROME_ID}.chromiumapp.org/`, 'sso_a-b')).toBe(
      `https://${CHROME_ID}.chromiumapp.org/?code=sso_a-b`,
    );
  });
});
