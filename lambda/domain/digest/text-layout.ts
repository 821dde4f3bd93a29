/** Plain-text layout for small screens: word wrap and day counts (dates: ../format-date). Pure. */
import { DAY_MS } from '../time';

/** Longest line the digest writes: readable on a phone, never wrapped by mail clients. */
export const LINE_WIDTH = 70;

/** Wraps `text` to `width`, prefixing lines with `indent` (`first` for the first line). */
export function wrap(text: string, indent = '', first = indent, width = LINE_WIDTH): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (const piece of splitLong(word, width - indent.length)) {
      const candidate = empty ? line + piece : `${line} ${piece}`;
      if (candidate.length <= width || empty) {
        line = candidate;
        empty = false;
        continue;
      }
      lines.push(line);
      line = indent + piece;
    }
  }
  if (!empty) lines.push(line);
  return lines;
}

// A word longer than a line (a long subject, a URL) is cut rather than overflowing.
function splitLong(word: string, room: number): string[] {
  const size = Math.max(room, 10);
  const pieces: string[] = [];
  for (let i = 0; i < word.length; i += size) pieces.push(word.slice(i, i + size));
  return pieces;
}

/** Whole days from `now` to `date`, rounded toward zero (negative in the past). */
export function daysBetween(now: Date, date: Date): number {
  // Toward zero both ways: two hours ago is "today", not "1 day ago".
  return Math.trunc((date.getTime() - now.getTime()) / DAY_MS);
}

/** `today`, `in 12 days`, `3 days ago`. */
export function relativeDays(now: Date, date: Date): string {
  const days = daysBetween(now, date);
  if (days === 0) return 'today';
  const n = Math.abs(days);
  const unit = n === 1 ? 'day' : 'days';
  return days > 0 ? `in ${n} ${unit}` : `${n} ${unit} ago`;
}

/** `1 rotation`, `3 rotations`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Section heading with an ASCII underline (no markdown: SNS email would show it raw). */
export function heading(title: string): string[] {
  return ['', title, '-'.repeat(Math.min(title.length, LINE_WIDTH))];
}
