/**
 * Makes text that came from a certificate (or any other untrusted input) safe to show: C0 and C1
 * control characters, DEL and the Unicode bidi/format controls that reorder or hide text become
 * visible escapes (`\x1b`, `\u202e`), so a certificate cannot clear, rewrite or disguise what a
 * terminal, Slack or SNS shows. Printable text, including non-ASCII letters, is unchanged. Pure.
 */

// C0, DEL, C1, and the format characters terminals and chat clients act on: bidi embeddings and
// overrides, isolates, marks, zero-width characters, line/paragraph separators and the BOM.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** `text` with every unsafe character replaced by a visible escape. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A copy of `value` with {@link printable} applied to every string in it (arrays and plain objects). */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableDeep) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = printableDeep(v);
    return out as T;
  }
  return value;
}

/** {@link printable} line by line: multi-line text keeps its line breaks (a digest, a summary). */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}
