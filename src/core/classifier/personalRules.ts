// Sensitive personal identifiers: payment cards (Luhn), US SSN, Korean RRN, birth date with a phone number, and
// unlabelled rows of personal data (a card-like number beside a birth date, phone or SSN-shaped number).

/** A span of text found by one personal-identifier rule. */
export interface PersonalMatch {
  readonly rule: string;
  readonly start: number;
  readonly end: number;
}

/** Published test numbers (card networks' and Stripe's docs) and famous examples: never real. */
const EXAMPLE_NUMBERS = new Set([
  '4111111111111111', '4242424242424242', '4012888888881881', '4000056655665556', '5555555555554444',
  '5105105105105100', '2223003122003222', '378282246310005', '371449635398431', '6011111111111117',
  '6011000990139424', '3056930009020004', '36227206271667', '3566002020360505', '6200000000000005',
  '123456789', '078051120', '219099999',
]);

/** True when the digit string passes the Luhn checksum. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Issuer prefixes and lengths of the major card networks. */
function plausibleCard(digits: string): boolean {
  const n = digits.length;
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (/^(.)\1+$/.test(digits)) return false;
  if (digits[0] === '4') return n === 13 || n === 16 || n === 19;
  if (two >= 51 && two <= 55) return n === 16;
  if (four >= 2221 && four <= 2720) return n === 16;
  if (two === 34 || two === 37) return n === 15;
  if (digits.startsWith('6011') || digits.startsWith('65') || (four >= 6440 && four <= 6499)) return n >= 16 && n <= 19;
  if (two === 35 || two === 62) return n >= 16 && n <= 19;
  if (two === 36 || two === 38 || two === 30) return n === 14;
  return false;
}

/** Written as cards are: one run of digits, or groups of 4-4-4-… or Amex's 4-6-5. */
function cardGrouped(written: string): boolean {
  return /^\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}$|^\d{4}([ -])\d{6}\2\d{4,5}$/.test(written) || !/[ -]/.test(written);
}

const CARD = /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g;
const SSN = /(?<![\d-])(?!000|666|9\d\d)(\d{3})-(?!00)(\d{2})-(?!0000)(\d{4})(?![\d-])/g;
const RRN = /(?<![\d-])(\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(-?)([1-8])(\d{6})(?![\d-])/g;
const DATE =
  /\b(?:(?:19|20)\d{2}[-./년 ]\s?(?:1[0-2]|0?[1-9])[-./월 ]\s?(?:[12]\d|3[01]|0?[1-9])(?!\d)일?|(?:[12]\d|3[01]|0?[1-9])[-./](?:1[0-2]|0?[1-9])[-./](?:19|20)\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? (?:19|20)\d{2}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (?:19|20)\d{2})/gi;
const BIRTH = /\b(?:born|birth|birthday|birthdate|dob|d\.o\.b|date of birth|geboren|nacimiento)\b|생년월일|생일|출생|태어/i;
const PHONE =
  /(?<![\d-])(?:\+\d{1,3}[\s.-]?\(?\d{1,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}|01[016789][\s.-]?\d{3,4}[\s.-]?\d{4}|0\d{1,2}[\s.-]\d{3,4}[\s.-]\d{4}|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4})(?![\d-])/g;

function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) yield m;
}

function rrnChecksumValid(digits: string): boolean {
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (digits.charCodeAt(i) - 48) * (weights[i] as number);
  return (11 - (sum % 11)) % 10 === digits.charCodeAt(12) - 48;
}

/** US fictional numbers 555-0100…555-0199 are reserved for examples. */
function fictionalPhone(phone: string): boolean {
  return /555[\s.-]?01\d\d$/.test(phone.replace(/\s+$/, ''));
}

/** How far either side of a card-like number a date of birth, phone or SSN-shaped number makes it a row of personal data. */
const ROW_REACH = 120;
/** Any SSN-shaped number, valid area or not (a row's third column need not be a real SSN to be someone's). */
const SSN_SHAPED = /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g;
/** Dates people are born on: a year before 2010 (an invoice or log date is recent). */
const BIRTH_YEAR = /(?:19\d\d|200\d)/;

/**
 * An unlabelled row of personal data: a card-like number with an issuer prefix (even one failing Luhn: mistyped or
 * masked cards are still someone's) next to a birth date, a phone number or an SSN-shaped number.
 */
function findPersonalRows(text: string, already: readonly PersonalMatch[]): PersonalMatch[] {
  const rows: PersonalMatch[] = [];
  for (const m of matches(CARD, text)) {
    const digits = m[0].replace(/[ -]/g, '');
    const start = m.index;
    const end = start + m[0].length;
    if (!cardGrouped(m[0]) || !plausibleCard(digits) || luhnValid(digits) || EXAMPLE_NUMBERS.has(digits) || /^\d(\d)\1+$/.test(digits)) continue;
    if (already.some((f) => f.start < end && f.end > start)) continue;
    const around = `${text.slice(Math.max(0, start - ROW_REACH), start)} ${text.slice(end, end + ROW_REACH)}`;
    const phone = [...matches(PHONE, around)].some((p) => !fictionalPhone(p[0]) && p[0].replace(/\D/g, '').length >= 9);
    const birth = [...matches(DATE, around)].some((d) => BIRTH_YEAR.test(d[0]));
    const ssn = [...matches(SSN_SHAPED, around)].some((n) => !EXAMPLE_NUMBERS.has(n[0].replace(/-/g, '')));
    if (phone || birth || ssn) rows.push({ rule: 'personal-data-row', start, end });
  }
  return rows;
}

/** Finds personal identifiers in text: card numbers, SSNs, RRNs, and birth dates next to a phone number. */
export function findPersonalIdentifiers(text: string): PersonalMatch[] {
  const found: PersonalMatch[] = [];
  for (const m of matches(CARD, text)) {
    const digits = m[0].replace(/[ -]/g, '');
    if (cardGrouped(m[0]) && plausibleCard(digits) && luhnValid(digits) && !EXAMPLE_NUMBERS.has(digits)) {
      found.push({ rule: 'payment-card', start: m.index, end: m.index + m[0].length });
    }
  }
  for (const row of findPersonalRows(text, found)) found.push(row);
  for (const m of matches(SSN, text)) {
    if (!EXAMPLE_NUMBERS.has(`${m[1]}${m[2]}${m[3]}`)) found.push({ rule: 'us-ssn', start: m.index, end: m.index + m[0].length });
  }
  for (const m of matches(RRN, text)) {
    const digits = m[0].replace('-', '');
    if (/^(\d)\1+$/.test(digits)) continue;
    if (m[4] === '-' || rrnChecksumValid(digits)) found.push({ rule: 'kr-rrn', start: m.index, end: m.index + m[0].length });
  }
  if (BIRTH.test(text)) {
    const phones = [...matches(PHONE, text)].filter((m) => !fictionalPhone(m[0]));
    const dates = [...matches(DATE, text)];
    if (phones.length > 0 && dates.length > 0) {
      const date = dates[0] as RegExpExecArray;
      const phone = phones[0] as RegExpExecArray;
      found.push({ rule: 'birth-date-with-phone', start: date.index, end: date.index + date[0].length });
      found.push({ rule: 'birth-date-with-phone', start: phone.index, end: phone.index + phone[0].length });
    }
  }
  return found;
}
