/** Plain-text layout helpers for the table renderer: fitting columns, truncating, wrapping, colour. Pure. */

/** A column: header, alignment, and how far it may shrink when the terminal is narrow. */
export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
  /** Smallest width the column may shrink to; fixed columns set it to their natural width. */
  readonly min?: number;
  /** Widest the column grows to even when there is room. */
  readonly max?: number;
  /** Where to cut a value that does not fit: `middle` keeps both ends of an identifier. */
  readonly cut?: Cut;
}

/** Which part of a too-long value gives way to the ellipsis. */
export type Cut = 'end' | 'start' | 'middle';

/** The space between two columns. */
export const GAP = '  ';

/** Column widths that fit `width`: natural widths, capped, then the shrinkable ones cut down widest first. */
export function fitColumns(columns: readonly Column[], rows: readonly string[][], width: number): number[] {
  const widths = columns.map((col, i) => {
    const natural = Math.max(col.header.length, ...rows.map((row) => (row[i] ?? '').length));
    return Math.min(natural, col.max ?? natural);
  });
  let excess = widths.reduce((a, b) => a + b, 0) + GAP.length * (columns.length - 1) - width;
  while (excess > 0) {
    const i = widestShrinkable(columns, widths);
    if (i < 0) break;
    widths[i] = (widths[i] ?? 0) - 1;
    excess -= 1;
  }
  return widths;
}

function widestShrinkable(columns: readonly Column[], widths: readonly number[]): number {
  let best = -1;
  columns.forEach((col, i) => {
    const w = widths[i] ?? 0;
    const min = Math.max(col.min ?? col.header.length, 1);
    if (w > min && (best < 0 || w > (widths[best] ?? 0))) best = i;
  });
  return best;
}

/** Renders rows with the fitted widths; `paint` colours a cell after padding (so widths stay right). */
export function renderRows(
  columns: readonly Column[],
  widths: readonly number[],
  rows: readonly string[][],
  paint: (rowIndex: number, columnIndex: number, text: string) => string = (_r, _c, t) => t,
): string[] {
  return rows.map((row, r) =>
    columns
      .map((col, c) => {
        const w = widths[c] ?? 0;
        const text = truncate(row[c] ?? '', w, col.cut ?? 'end');
        const padded = col.align === 'right' ? text.padStart(w) : text.padEnd(w);
        return paint(r, c, padded);
      })
      .join(GAP)
      .trimEnd(),
  );
}

/** Cuts `text` to `width` characters with an ellipsis at the end, the start or the middle. */
export function truncate(text: string, width: number, cut: Cut = 'end'): string {
  if (text.length <= width) return text;
  if (width <= 1) return text.slice(0, width);
  if (cut === 'end') return `${text.slice(0, width - 1)}…`;
  if (cut === 'start') return `…${text.slice(text.length - width + 1)}`;
  const head = Math.ceil((width - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (width - 1 - head))}`;
}

/** Word-wraps `prefix + text` to `width`; `prefix` is kept verbatim, continuation lines start with `indent`. */
export function wrap(prefix: string, text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = prefix;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = empty ? `${line}${word}` : `${line} ${word}`;
    if (candidate.length > width && !empty) {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = candidate;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

const CODES = { red: 31, yellow: 33, cyan: 36, green: 32, bold: 1, dim: 2 } as const;

/** Wraps `text` in an ANSI colour when `enabled` (only when writing to a terminal). */
export function colour(enabled: boolean, name: keyof typeof CODES, text: string): string {
  return enabled ? `\u001b[${CODES[name]}m${text}\u001b[0m` : text;
}
