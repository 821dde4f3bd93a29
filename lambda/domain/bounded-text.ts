/**
 * Text that came from outside (API error bodies, pod error messages, object values quoted in
 * findings) is cut and stripped of control characters before it reaches a terminal, Slack, SNS or
 * a stored item. Linear time, pure.
 */
import type { Finding } from './model';

/** Longest detail quoted from an error or an object (API error text, YAML errors, status messages). */
export const MAX_DETAIL_CHARS = 300;

/** Longest failure detail (the request, the quoted text and how many attempts were made). */
export const MAX_FAILURE_DETAIL_CHARS = 2 * MAX_DETAIL_CHARS;

/** Longest `Finding.message`/`remediation`: well under Slack's 3,000-character block text and SNS/DynamoDB limits. */
export const MAX_FINDING_TEXT_CHARS = 2000;

// C0 and C1 controls and DEL become a space; the bidirectional overrides that reorder what a
// terminal shows are dropped.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** `text` without control characters (runs become one space), at most `maxChars` long (cut with `…`). */
export function boundedText(text: string, maxChars: number = MAX_DETAIL_CHARS): string {
  // Cut before replacing so a huge input costs O(maxChars), not O(length).
  const head = text.length > maxChars * 2 ? text.slice(0, maxChars * 2) : text;
  const clean = head.replace(BIDI, '').replace(CONTROL, ' ').trim();
  const cut = clean.length > maxChars || head.length < text.length;
  if (!cut) return clean;
  return `${clean.slice(0, maxChars - 1).trimEnd()}…`;
}

/** The finding with its message and remediation bounded (the one place every finding text is capped). */
export function boundedFinding<F extends Finding>(finding: F): F {
  const message = boundedText(finding.message, MAX_FINDING_TEXT_CHARS);
  const remediation =
    finding.remediation === undefined ? undefined : boundedText(finding.remediation, MAX_FINDING_TEXT_CHARS);
  if (message === finding.message && remediation === finding.remediation) return finding;
  return { ...finding, message, ...(remediation === undefined ? {} : { remediation }) };
}
