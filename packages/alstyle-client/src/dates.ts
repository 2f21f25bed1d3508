const DOT = /^(\d{2})\.(\d{2})\.(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date: `Date` (read in Almaty time), `"YYYY-MM-DD"` or `"DD.MM.YYYY"`. */
export type AlStyleDateInput = Date | string;

/** Formats a date as the API wants it in requests: `DD.MM.YYYY`. */
export function toAlStyleDate(input: AlStyleDateInput): string {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new TypeError('Invalid Date');
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Almaty',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).formatToParts(input);
    const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('day')}.${get('month')}.${get('year')}`;
  }
  if (DOT.test(input)) return input;
  const iso = ISO.exec(input);
  if (iso) return `${iso[3]}.${iso[2]}.${iso[1]}`;
  throw new TypeError(
    `Expected a Date, "YYYY-MM-DD" or "DD.MM.YYYY", got ${JSON.stringify(input)}`,
  );
}

/** Parses `DD.MM.YYYY` to a UTC midnight `Date`; `undefined` for any other text. */
export function parseAlStyleDate(text: string | null | undefined): Date | undefined {
  const m = DOT.exec(text ?? '');
  return m ? new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]))) : undefined;
}
