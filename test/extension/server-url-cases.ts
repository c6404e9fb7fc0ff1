// Server URLs and whether the one server URL rule accepts them: the rule's table test and the options page's share it.

/** [what is typed, accepted]. The refused ones are either not URLs at all or URLs of another scheme. */
export const SERVER_URL_CASES: [string, boolean][] = [
  ['https://seatwise.example.com', true],
  ['http://127.0.0.1:9', true],
  ['https://seatwise.example.com/', true],
  ['HTTPS://Seatwise.Example.COM', true],
  ['https://seatwise.example.com/base/path', true],
  // The URL parser reads these as http://seatwise.example.com/; the options page's old regex refused them.
  ['http:seatwise.example.com', true],
  ['http:///seatwise.example.com', true],
  ['ftp://seatwise.example.com', false],
  ['file:///etc/passwd', false],
  ['javascript:alert(1)', false],
  ['mailto:it@example.com', false],
  ['chrome-extension://abc/options.html', false],
  ['seatwise.example.com', false],
  ['http://', false],
  ['https://seatwise.example.com:99999', false],
  ['http://user@', false],
  ['http://[::1', false],
  // Not here: a space in the host name, which Chromium's URL parser takes (seat%20wise) and Node's refuses.
];

export const SERVER_URL_REFUSAL = 'must be an http(s) URL';
