/** Reads the Prometheus text exposition back into samples, for tests that compare series. */

/** One sample line. */
export interface ExpositionSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Every sample of `text` (comments skipped); throws on a line that is neither. */
export function parseExposition(text: string): ExpositionSample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const m = LINE.exec(line);
      if (!m) throw new Error(`not an exposition line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key, raw] of (m[2] ?? '').matchAll(LABEL)) {
        labels[key!] = raw!.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
      }
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}

/** Samples of one metric family. */
export function samplesOf(samples: readonly ExpositionSample[], name: string): ExpositionSample[] {
  return samples.filter((s) => s.name === name);
}
