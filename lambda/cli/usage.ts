/**
 * Help-text building shared by the commands: one Options block whose descriptions start in one
 * column and wrap within {@link HELP_WIDTH}, so `--format table|json|prometheus` and a short
 * `--days N` line up in the same help.
 */

/** One option row: the flag with its value placeholder, and what it does (default in parentheses). */
export type OptionHelp = readonly [flag: string, description: string];

/** Help lines stay within this many columns (the narrowest terminal the table also fits). */
export const HELP_WIDTH = 100;

const HELP_ROW: OptionHelp = ['-h, --help', 'show this help'];

/** `Options:` then one row per option plus `-h, --help`, descriptions aligned and word-wrapped. */
export function optionsBlock(rows: readonly OptionHelp[]): string {
  const all = [...rows, HELP_ROW];
  const column = 2 + Math.max(...all.map(([flag]) => flag.length)) + 2;
  const lines = all.flatMap(([flag, text]) => {
    const [first = '', ...rest] = wrap(text, HELP_WIDTH - column);
    return [`  ${flag.padEnd(column - 4)}  ${first}`, ...rest.map((line) => `${' '.repeat(column)}${line}`)];
  });
  return ['Options:', ...lines].join('\n');
}

/** Greedy word wrap; a single word longer than `width` keeps its own line rather than being cut. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}
