/** Prints a JSON report in the format the user chose; shared by `inspect` and `scan`. */
import { type JsonReport, type PrometheusExtras, renderPrometheus, renderTable } from '../domain/report';
import type { CliIo, TextOut } from './command';

/** Output formats a command may offer. */
export type ReportFormat = 'table' | 'json' | 'prometheus';

/**
 * `report` as text for `out`: colour only on a terminal without NO_COLOR, width from the terminal
 * (a file gets no colour and 100 columns). `extras` (scan health, build) join the Prometheus exposition.
 */
export function renderReport(
  report: JsonReport,
  format: ReportFormat,
  out: Pick<TextOut, 'isTTY' | 'columns'>,
  env: CliIo['env'],
  extras: PrometheusExtras = {},
): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'prometheus') return renderPrometheus(report, extras);
  const color = out.isTTY === true && !env['NO_COLOR'];
  const width = Math.max(80, out.columns ?? 100);
  return renderTable(report, { color, width });
}

/** Writes `report` to stdout (see {@link renderReport}). */
export function writeReport(
  report: JsonReport,
  format: ReportFormat,
  io: CliIo,
  extras: PrometheusExtras = {},
): void {
  io.stdout.write(renderReport(report, format, io.stdout, io.env, extras));
}
