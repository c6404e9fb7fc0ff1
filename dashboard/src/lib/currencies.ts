// The currencies a subscription can be priced in: every ISO 4217 code the browser knows, the common ones first.
const COMMON = ['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN', 'INR'];

export type CurrencyChoice = { code: string; label: string };

/** Choices for a currency select; `current` is kept even if this browser does not list it. */
export function currencyChoices(
  current: string,
  known: readonly string[] = Intl.supportedValuesOf('currency'),
  locale?: string,
): CurrencyChoice[] {
  const names = new Intl.DisplayNames(locale, { type: 'currency' });
  const codes = [...new Set([...COMMON.filter((c) => known.includes(c)), ...(current ? [current] : []), ...known])];
  return codes.map((code) => ({ code, label: `${code} · ${names.of(code) ?? code}` }));
}
