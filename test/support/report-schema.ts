/**
 * Validates JSON reports against docs/report.schema.json with Ajv (draft 2020-12, formats on): the
 * CLI runners of the integration tests call it on every `--format json` report they get.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const SCHEMA_PATH = join(__dirname, '..', '..', 'docs', 'report.schema.json');

let validate: ReturnType<Ajv2020['compile']> | undefined;

/** Ajv's complaints about `report` (empty when it matches the schema). */
export function reportSchemaErrors(report: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  }
  if (validate(report)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** Throws when `stdout` of a `--format json` run is a report the schema rejects. */
export function assertReportMatchesSchema(args: readonly string[], stdout: string): void {
  const i = args.indexOf('--format');
  if (i === -1 || args[i + 1] !== 'json' || stdout.trim() === '') return;
  const errors = reportSchemaErrors(JSON.parse(stdout));
  if (errors.length > 0) {
    throw new Error(
      `certwatch ${args.join(' ')}: report does not match docs/report.schema.json:\n${errors.join('\n')}`,
    );
  }
}
