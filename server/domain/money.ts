// Money is stored as integer minor units with an ISO 4217 currency; the currency says how many minor digits it has.

const digitsCache = new Map<string, number>();

/** Minor-unit digits of a currency: 2 for USD, 0 for JPY, 3 for BHD. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * A plain decimal in major units, exact (no float rounding), no grouping: 123450 USD -> "1234.50", -5 USD -> "-0.05".
 */
export function formatMinorUnits(minorUnits: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minorUnits < 0 ? '-' : '';
  const text = String(Math.abs(Math.round(minorUnits))).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * Money as people read it, rounded to whole units: 215976 GBP -> "£2,160". The dashboard and alert text share it,
 * so an amount reads the same everywhere; the server words alerts in `en` (no viewer locale there).
 */
export function formatMoney(minorUnits: number, currency: string, locale: string | undefined = 'en'): string {
  return moneyFormat(locale, currency).format(minorUnits / 10 ** minorDigits(currency));
}

/** Building an Intl.NumberFormat costs far more than using one, and a page shows hundreds of amounts: keep them. */
const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(locale: string | undefined, currency: string): Intl.NumberFormat {
  const key = `${locale ?? ''} ${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
    moneyFormats.set(key, format);
  }
  return format;
}
