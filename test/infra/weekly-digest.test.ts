/**
 * Which digest schedules a "no digest delivered on 7 days" alarm can watch: those that fire on at
 * least one of any 7 consecutive calendar days (CloudWatch evaluates 7 days at most).
 */
import { weeklyDigest } from '#lib/weekly-digest';

describe('weeklyDigest', () => {
  it.each([
    'cron(0 8 ? * MON *)',
    'cron(30 7 ? * mon-fri *)',
    'cron(0 8 ? * 2,5 *)',
    'cron(0 8 ? * * *)',
    'cron(0 8 * * ? *)',
    'cron(0/30 * * * ? *)',
  ])('counts the days of %s in the schedule zone', (expression) => {
    expect(weeklyDigest(expression, 'Europe/Paris')).toEqual({ timeZone: 'Europe/Paris' });
  });

  it.each(['rate(1 day)', 'rate(7 days)', 'rate(168 hours)', 'rate(10080 minutes)'])(
    'counts the days of %s in UTC (a rate ignores the zone)',
    (expression) => {
      expect(weeklyDigest(expression, 'Europe/Paris')).toEqual({ timeZone: 'UTC' });
    },
  );

  it.each([
    'cron(0 8 1 * ? *)', // monthly
    'cron(0 8 ? * MON#1 *)', // first Monday of the month
    'cron(0 8 ? * 2L *)', // last Monday of the month
    'cron(0 8 ? 1-6 MON *)', // half the year
    'cron(0 8 ? * MON 2027)', // one year
    'cron(0 8 */2 * ? *)', // day-of-month steps leave month-end gaps
    'rate(8 days)',
    'rate(169 hours)',
    'rate(0 days)',
    'cron(0 8 ? * MON)', // not six fields
  ])('refuses %s: it can leave more than 7 days between digests, or is not understood', (expression) => {
    expect(weeklyDigest(expression, 'UTC')).toBeUndefined();
  });
});
