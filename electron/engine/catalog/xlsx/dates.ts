// Built-in number formats that show dates or times (ECMA-376 part 1, 18.8.30, plus the CJK ones).
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** Whether a cell style's number format displays a date or time. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (BUILTIN_DATE_FORMATS.has(id)) return true;
  if (!code) return false;
  const bare = code
    .replace(/"[^"]*"/g, '') // literal text
    .replace(/\\./g, '') // escaped characters
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, ''); // colours, locales, conditions — but not [h] [mm] [ss]
  return /[dmyhs]/i.test(bare.split(';')[0]);
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30); // serial 0, given Excel's phantom 1900-02-29
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * A date serial as ISO 8601 text: `2024-03-01`, `2024-03-01T13:30:00`, or `13:30:00` for a time
 * alone. Serials before 1900-03-01 are shifted for the leap day Excel invented.
 */
export function serialToIso(serial: number, date1904: boolean): string {
  const days = date1904 || serial >= 61 ? serial : serial + 1;
  const ms = (date1904 ? EPOCH_1904 : EPOCH_1900) + days * DAY_MS;
  const iso = new Date(Math.round(ms / 1000) * 1000).toISOString();
  if (serial > 0 && serial < 1) return iso.slice(11, 19);
  return Number.isInteger(serial) ? iso.slice(0, 10) : iso.slice(0, 19);
}
