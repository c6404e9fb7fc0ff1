// Money cells as registers write them: "$12,000.00", "12000", "1.234,50 EUR", "EUR 1 234,50", "£950", read exactly
// into minor units (never through a float). The decimal separator is the last "." or "," when both appear; a single
// separator followed by exactly three digits is a thousands separator ("12,000", "1.234"), except for currencies
// with three minor digits (BHD, KWD...), where "1,234" could be either and the cell is refused as ambiguous.
import { minorDigits } from '../money.ts';

export type AmountReading =
  | { kind: 'amount'; minorUnits: number; currency: string | null }
  | { kind: 'empty' }
  | { kind: 'bad'; why: string };

/** Symbols that name one currency; "$" and "¥" name several (USD, CAD, AUD...; JPY, CNY), so they name none. */
const SYMBOLS: Record<string, string | null> = { '€': 'EUR', '£': 'GBP', '₹': 'INR', '₩': 'KRW', $: null, '¥': null };

let iso: ReadonlySet<string> | null = null;
/** ISO 4217 codes this runtime knows (Intl), e.g. USD, EUR, JPY. */
export function isCurrencyCode(code: string): boolean {
  iso ??= new Set(Intl.supportedValuesOf('currency'));
  return iso.has(code);
}

/** A currency code before or after the number, standing apart from other letters ("about 500" has none). */
const CODE = /^([A-Za-z]{3})(?![A-Za-z])\s*|\s*(?<![A-Za-z])([A-Za-z]{3})$/;
const GROUPED = (sep: string) => new RegExp(`^[1-9]\\d{0,2}(\\${sep}\\d{3})+$`);

/** Digits with at most one decimal separator and grouping, as a decimal string "1234.50" or null. */
function readNumber(text: string, digits: number): { decimal: string } | { why: string } {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$/.test(compact) || /[.,]$/.test(compact)) return { why: 'is not an amount' };
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  if (lastDot === -1 && lastComma === -1) return { decimal: compact };
  if (lastDot !== -1 && lastComma !== -1) {
    const decimalSep = lastDot > lastComma ? '.' : ',';
    const groupSep = decimalSep === '.' ? ',' : '.';
    const cut = compact.lastIndexOf(decimalSep);
    const whole = compact.slice(0, cut);
    if (!GROUPED(groupSep).test(whole) || compact.slice(cut + 1).includes(groupSep)) return { why: 'is not an amount' };
    return { decimal: `${whole.replaceAll(groupSep, '')}.${compact.slice(cut + 1)}` };
  }
  const sep = lastDot !== -1 ? '.' : ',';
  const parts = compact.split(sep);
  const tail = parts.at(-1)!;
  if (parts.length > 2 || tail.length === 3) {
    if (!GROUPED(sep).test(compact)) return { why: 'is not an amount' };
    if (parts.length === 2 && digits === 3)
      return { why: `is ambiguous: "${sep}" could separate thousands or the three minor digits` };
    return { decimal: compact.replaceAll(sep, '') };
  }
  return { decimal: `${parts[0]}.${tail}` };
}

/**
 * Reads one money cell; `currency` is the line's currency column when it has one. The cell may carry its own code
 * or symbol; when both are given they must agree.
 */
export function readAmount(cell: string, currency: string | null): AmountReading {
  let text = cell.trim();
  if (text === '' || text === '-') return { kind: 'empty' };
  if (/^-|^\(.*\)$/.test(text)) return { kind: 'bad', why: 'is negative: a contract line costs something or nothing' };
  let named: string | null = null;
  const code = CODE.exec(text);
  if (code) {
    named = (code[1] ?? code[2])!.toUpperCase();
    if (!isCurrencyCode(named)) return { kind: 'bad', why: `names "${named}", which is not an ISO 4217 currency` };
    text = text.replace(CODE, '').trim();
  }
  const symbol = Object.keys(SYMBOLS).find((s) => text.startsWith(s) || text.endsWith(s));
  if (symbol) {
    text = text.replace(symbol, '').trim();
    const symbolCurrency = SYMBOLS[symbol] ?? null;
    if (symbolCurrency && named && symbolCurrency !== named)
      return { kind: 'bad', why: `says both ${symbol} and ${named}` };
    named ??= symbolCurrency;
    if (!named && !currency)
      return { kind: 'bad', why: `has "${symbol}", which is several currencies: add a currency column` };
  }
  if (named && currency && named !== currency)
    return { kind: 'bad', why: `is in ${named} but the line's currency is ${currency}` };
  const lineCurrency = named ?? currency;
  const digits = lineCurrency ? minorDigits(lineCurrency) : 2;
  const number = readNumber(text, digits);
  if ('why' in number) return { kind: 'bad', why: number.why };
  const [whole, fraction = ''] = number.decimal.split('.');
  const extra = fraction.slice(digits);
  if (/[^0]/.test(extra))
    return { kind: 'bad', why: `has more decimals than ${lineCurrency ?? 'the currency'} has minor units (${digits})` };
  const minorUnits = Number(`${whole}${fraction.slice(0, digits).padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(minorUnits) || minorUnits > 1e12) return { kind: 'bad', why: 'is too large' };
  return { kind: 'amount', minorUnits, currency: named };
}
