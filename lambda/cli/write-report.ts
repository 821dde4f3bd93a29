/** Prints a JSON report in the format the user chose; shared by `inspect` and `scan`. */
import { type JsonReport, type PrometheusExtras, renderPrometheus, renderTable } from '../domain/report';
import type { CliIo } from './command';

/** Output formats a command may offer. */
export type ReportFormat = 'table' | 'json' | 'prometheus';

/**
 * Writes `report` to stdout: colour only on a terminal without NO_COLOR, width from the terminal.
 * `extras` (scan health, build) join the Prometheus exposition.
 */
export function writeReport(
  report: JsonReport,
  format: ReportFormat,
  io: CliIo,
  extras: PrometheusExtras = {},
): void {
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  if (format === 'prometheus') {
    io.stdout.write(renderPrometheus(report, extras));
    return;
  }
  const color = io.stdout.isTTY === true && !io.env['NO_COLOR'];
  const width = Math.max(80, io.stdout.columns ?? 100);
  io.stdout.write(renderTable(report, { color, width }));
}
