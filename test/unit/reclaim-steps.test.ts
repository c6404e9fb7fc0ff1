// What the reclaim queue asks before a revoke and says after a step, for one row or for the ticked rows.
import { describe, expect, it } from 'vitest';
import { type QueueStep, revokeQuestion, stepsDone, stepsFailed } from '../../dashboard/src/lib/reclaim-steps.ts';

const ann = { email: 'ann@acme.test' };
const bob = { email: 'bob@acme.test' };

describe('reclaim queue steps', () => {
  it.each<[string, { email: string }[], boolean, string]>([
    [
      'one row',
      [ann],
      true,
      "Has ann@acme.test's account been removed in the vendor's console? " +
        'The seat will be removed and the saving recorded.',
    ],
    [
      'ticked rows',
      [ann, bob],
      false,
      "Have the 2 account(s) been removed in the vendor's console? " +
        'Their seats will be removed and the savings recorded.',
    ],
  ])('asks before revoking %s', (_name, chosen, byName, question) => {
    expect(revokeQuestion(chosen, byName)).toBe(question);
  });

  it.each<[QueueStep, { email: string }[], boolean, string]>([
    ['revoke', [ann], true, 'Revoked: ann@acme.test.'],
    ['ready', [ann], true, 'Marked ready: ann@acme.test.'],
    ['cancel', [ann], true, 'Cancelled: ann@acme.test.'],
    ['revoke', [ann, bob], false, 'Revoked: 2.'],
    ['ready', [ann], false, 'Marked ready: 1.'],
    ['cancel', [ann, bob], false, 'Cancelled: 2.'],
  ])('says what %s did for %j (by name: %s)', (step, chosen, byName, text) => {
    expect(stepsDone(step, chosen, byName)).toBe(text);
  });

  it.each<[number, boolean, string]>([
    [0, true, 'Not allowed.'],
    [0, false, '0 done, then: Not allowed.'],
    [3, false, '3 done, then: Not allowed.'],
  ])('says why after %i went through (by name: %s)', (done, byName, text) => {
    expect(stepsFailed('Not allowed.', done, byName)).toBe(text);
  });
});
