// Numbers, money and percentages in the viewer's locale.
const currencyDigits = (currency: string) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** Costs are integer minor units (cents); shown in major units with the currency's own digits. */
export function formatMoney(minorUnits: number, currency: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    minorUnits / 10 ** digits,
  );
}

export function toMinorUnits(major: number, currency: string): number {
  return Math.round(major * 10 ** currencyDigits(currency));
}

export function formatPercent(fraction: number | null): string {
  return fraction === null ? '–' : new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}
