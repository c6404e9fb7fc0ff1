// Which queued emails are reclaim requests: only the reclaim event with a well-formed payload names a reclaim.
import { describe, expect, it } from 'vitest';
import { RECLAIM_REQUEST_EVENT, reclaimRequestOf } from '../../server/domain/reclaim-link.ts';

describe('reclaimRequestOf', () => {
  it.each([
    [
      RECLAIM_REQUEST_EVENT,
      '{"reclaimId":7,"baseUrl":"https://seatwise.example"}',
      { reclaimId: 7, baseUrl: 'https://seatwise.example' },
    ],
    [RECLAIM_REQUEST_EVENT, '{"reclaimId":7,"baseUrl":"https://x","extra":1}', { reclaimId: 7, baseUrl: 'https://x' }],
    // Emails queued before links were made at sending time hold the whole message.
    [RECLAIM_REQUEST_EVENT, '{"subject":"s","text":"t","html":"h"}', null],
    [RECLAIM_REQUEST_EVENT, '{"reclaimId":"7","baseUrl":"https://x"}', null],
    ['alert.opened', '{"reclaimId":7,"baseUrl":"https://x"}', null],
  ])('%s %s', (event, payload, expected) => {
    expect(reclaimRequestOf(event, payload)).toEqual(expected);
  });
});
