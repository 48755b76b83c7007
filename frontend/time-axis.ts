/**
 * The chart's time axis, in UTC: round steps between ticks (a second, 5 minutes, 6 hours, a day…)
 * and labels precise enough that no two ticks read the same, with the date wherever it is needed:
 * on the first tick, at every change of day, and with the year when it is not this year. So replayed
 * or old data shows when it happened, and a window of a few seconds shows milliseconds rather than
 * one time of day six times.
 */
export const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const STEPS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 182 * DAY, 365 * DAY,
];

const HM = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hour12: false });
const HMS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});
const DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });
const DATE_YEAR = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });

/** The smallest round step that cuts {@code span} ms into at most {@code ticks} parts. */
export function axisStep(span: number, ticks: number): number {
  const wanted = span / Math.max(1, ticks);
  for (const s of STEPS) {
    if (s >= wanted) return s;
  }
  return Math.ceil(wanted / (365 * DAY)) * 365 * DAY;
}

/**
 * The label of the tick at {@code t} on an axis with ticks {@code step} apart; {@code first} for the
 * leftmost tick.
 */
export function tickLabel(t: number, step: number, first: boolean, thisYear: number): string {
  const date = new Date(t);
  let time = '';
  if (step < SECOND) {
    time = `${HMS.format(date)}.${String(date.getUTCMilliseconds()).padStart(3, '0')}`;
  } else if (step < MINUTE) {
    time = HMS.format(date);
  } else if (step < DAY) {
    time = HM.format(date);
  }
  const newDay = Math.floor(t / DAY) !== Math.floor((t - step) / DAY);
  if (step >= DAY || first || newDay) {
    const day = (date.getUTCFullYear() === thisYear ? DATE : DATE_YEAR).format(date);
    return time === '' ? day : `${day} ${time}`;
  }
  return time;
}
