/**
 * Whether a digest schedule can be watched by a "no digest delivered" alarm. CloudWatch evaluates an
 * alarm over at most 7 days (Period × EvaluationPeriods ≤ 604,800 s), so the alarm can only tell a
 * missed digest from a quiet stretch when the schedule fires on at least one of every 7 consecutive
 * calendar days. Synth-time only: reads the schedule expression, nothing at run time.
 */

/** A digest schedule that fires on at least one of any 7 consecutive calendar days in `timeZone`. */
export interface WeeklyDigest {
  /** IANA time zone whose calendar days the alarm counts (the cron's zone; UTC for a rate). */
  readonly timeZone: string;
}

const DAY = '(?:[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)';
/** Plain days of the week (`MON`, `MON-FRI`, `1,4`, `*`): no `L`, `#` or `/`, which skip weeks. */
const EVERY_WEEK_DAYS = new RegExp(`^(?:\\*|${DAY}(?:-${DAY})?(?:,${DAY}(?:-${DAY})?)*)$`, 'i');
const MINUTES = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 } as const;
const WEEK_MINUTES = 7 * 1440;

/**
 * The calendar the "no digest" alarm should count days in when `expression` (an EventBridge
 * Scheduler `rate(…)` or `cron(…)` evaluated in `timeZone`) fires at least once every 7 days;
 * undefined when it can leave a longer gap (a monthly digest, `#`/`L` days, a longer rate) or is
 * not understood: no such alarm can be right then.
 */
export function weeklyDigest(expression: string, timeZone: string): WeeklyDigest | undefined {
  const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression);
  if (rate) {
    // A rate runs on fixed UTC intervals whatever the schedule's zone: count UTC days.
    const minutes = Number(rate[1]) * MINUTES[rate[2] as keyof typeof MINUTES];
    return minutes > 0 && minutes <= WEEK_MINUTES ? { timeZone: 'UTC' } : undefined;
  }
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!cron) return undefined;
  const [, , , dayOfMonth, month, dayOfWeek, year] = cron;
  if (month !== '*' || year !== '*') return undefined;
  const daily = dayOfMonth === '*' && dayOfWeek === '?';
  const weekly = dayOfMonth === '?' && EVERY_WEEK_DAYS.test(dayOfWeek ?? ''); // `*` included
  return daily || weekly ? { timeZone } : undefined;
}
