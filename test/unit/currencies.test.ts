import { describe, expect, it } from 'vitest';
import { currencyChoices } from '../../dashboard/src/lib/currencies.ts';

describe('currency choices for the subscription form', () => {
  it.each([
    ['USD', ['AED', 'EUR', 'GBP', 'USD'], ['USD', 'EUR', 'GBP', 'AED']],
    ['', ['JPY', 'AED'], ['JPY', 'AED']],
    // A stored currency this browser does not list stays selectable.
    ['XTS', ['EUR', 'USD'], ['USD', 'EUR', 'XTS']],
    ['EUR', ['EUR', 'USD', 'EUR'], ['USD', 'EUR']],
  ])('current %s among %j lists %j', (current, known, expected) => {
    expect(currencyChoices(current, known, 'en').map((c) => c.code)).toEqual(expected);
  });

  it('labels each code with its name', () => {
    expect(currencyChoices('EUR', ['EUR'], 'en')).toEqual([{ code: 'EUR', label: 'EUR · Euro' }]);
  });
});
