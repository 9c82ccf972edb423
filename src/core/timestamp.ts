// RFC 3339 timestamps as AWS accepts them (ASL.md §7.3): uppercase T, an explicit offset (Z or ±hh:mm).
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Epoch milliseconds of an RFC 3339 timestamp, or undefined when the text is not one. */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  const daysInMonth = new Date(utc(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  const offsetHours = Number(m[9] ?? 0);
  const offsetMinutes = Number(m[10] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const sign = m[8]?.startsWith('-') ? -1 : 1;
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  return utc(year, month - 1, day, hour, minute, Math.min(second, 59), fraction) - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** Date.UTC, except that years 0–99 stay themselves (Date.UTC reads them as 1900–1999). */
function utc(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  if (year >= 100) return Date.UTC(year, monthIndex, day, hour, minute, second, ms);
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.setUTCHours(hour, minute, second, ms);
}

export function isRfc3339(text: string): boolean {
  return parseRfc3339(text) !== undefined;
}

/**
 * The longest single wait the engine accepts, in seconds: 366 days, the most Retry's
 * MaxDelaySeconds allows. AWS ends every execution within a year and fails a longer Wait with
 * "Wait state delay is too long." (ASL.md §7.4); the cap also keeps a virtual clock within the
 * dates JavaScript can represent, however many Waits and retries a run takes.
 */
export const MAX_WAIT_SECONDS = 31_622_400;
