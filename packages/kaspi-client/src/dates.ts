/**
 * How Kaspi's epoch milliseconds map to instants. The guide says dates are epoch milliseconds
 * "interpreted in the Almaty time zone" without saying whether the number is the true UTC epoch
 * of the instant (`epoch`, what community clients send) or Almaty wall-clock time written as if
 * it were UTC (`almaty-wall-clock`; the guide's example filter uses UTC midnights). Unknown until
 * checked against the live API, so it is an option.
 */
export type KaspiDateEncoding = 'epoch' | 'almaty-wall-clock';

const HOUR_MS = 60 * 60 * 1000;

const almatyZone = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Almaty',
  timeZoneName: 'longOffset',
});

/** Offset of Asia/Almaty from UTC at `instant` (UTC+5 since March 2024, UTC+6 before). */
export function almatyOffsetMs(instant: number): number {
  // `longOffset` names the zone `GMT+05:00` (with seconds for the old local mean time).
  const zone = almatyZone.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
  const [, sign, h, m, s = '0'] = /^GMT([+-])(\d+):(\d+)(?::(\d+))?$/.exec(zone ?? '') ?? [];
  return (sign === '-' ? -1 : 1) * ((Number(h ?? 0) * 60 + Number(m ?? 0)) * 60 + Number(s)) * 1000;
}

/** Converts an instant to the number Kaspi expects. */
export function toWireMs(date: Date, encoding: KaspiDateEncoding): number {
  const t = date.getTime();
  return encoding === 'epoch' ? t : t + almatyOffsetMs(t);
}

/** Converts a number from Kaspi to an instant. */
export function fromWireMs(ms: number, encoding: KaspiDateEncoding): Date {
  if (encoding === 'epoch') return new Date(ms);
  const guess = ms - almatyOffsetMs(ms);
  const offset = almatyOffsetMs(guess);
  return new Date(ms - offset);
}

/**
 * Window length to split by: with wall-clock encoding an offset change inside a window could
 * stretch the wire difference by an hour, so windows are one hour shorter to stay ≤ 14 days.
 */
export function windowMsFor(encoding: KaspiDateEncoding, maxMs: number): number {
  return encoding === 'epoch' ? maxMs : maxMs - HOUR_MS;
}
