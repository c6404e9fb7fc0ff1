// Reads money as card, expense and ledger exports write it, exactly, into integer minor units of the currency:
// `1,234.50`, `-12.00`, `(12.00)` (accounting negative), `$49.00`, `12,50` (decimal comma), `1.234,56`, `49 USD`.
import { minorDigits } from './money.ts';

/** Minor units, or null when the cell is empty; a string saying what is wrong when it is not an amount. */
export function readAmount(cell: string, currency: string): number | null | { problem: string } {
  let text = cell.trim().replace(/\s+/g, '');
  if (text === '' || text === '-') return null;
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  text = text.replace(/^[A-Z]{3}(?=[-+\d.,$€£¥])/i, '').replace(/(?<=\d)[A-Z]{3}$/i, '');
  text = text.replace(/^([-+]?)[$€£¥]/, '$1').replace(/[$€£¥]$/, '');
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  if (text.endsWith('-')) {
    negative = !negative;
    text = text.slice(0, -1);
  }
  let whole: string;
  let fraction = '';
  const dot = text.lastIndexOf('.');
  const comma = text.lastIndexOf(',');
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(text) || /^\d+,\d{1,2}$/.test(text)) {
    // European: dots group thousands and the comma is the decimal separator.
    [whole, fraction] = [text.slice(0, comma).replace(/\./g, ''), text.slice(comma + 1)];
  } else if (/^\d{1,3}(,\d{3})*(\.\d+)?$/.test(text) || /^\d+(\.\d+)?$/.test(text)) {
    [whole, fraction] =
      dot === -1 ? [text.replace(/,/g, ''), ''] : [text.slice(0, dot).replace(/,/g, ''), text.slice(dot + 1)];
  } else return { problem: 'is not an amount (for example 49.00, -12.50, (12.50) or 1,234.56)' };
  const digits = minorDigits(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) return { problem: `has more decimals than ${currency} has (${digits})` };
  const minor = Number(whole + fraction.padEnd(digits, '0').slice(0, digits));
  if (!Number.isSafeInteger(minor)) return { problem: 'is too large' };
  return negative && minor !== 0 ? -minor : minor;
}
