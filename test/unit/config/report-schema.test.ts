/**
 * docs/report.schema.json is what the code generates, and Ajv (not written here) accepts real
 * reports and rejects broken ones. Every integration test's `--format json` report is validated too
 * (test/support/report-schema.ts, called by the CLI runners).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportJsonSchema } from '#config/report-schema';
import { buildJsonReport } from '#domain/report';
import { reportSchemaErrors } from '#support/report-schema';
import { assessed, NOW } from '../domain/report/build-assessment';

const committed = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'docs', 'report.schema.json'), 'utf8'),
);

const report = JSON.parse(
  JSON.stringify(
    buildJsonReport(NOW, [
      {
        name: 'prod',
        status: 'partial',
        assessment: {
          certificates: [
            assessed({
              id: 'a1',
              daysLeft: 3,
              sources: [{ kind: 'Secret', namespace: 'n', name: 's', key: 'k' }],
            }),
          ],
          findings: [
            {
              severity: 'warning',
              rule: 'blind_spot',
              message: 'm',
              source: { kind: 'ConfigMap', name: 'c' },
            },
          ],
          errors: [{ reason: 'bad_pem', position: 0, detail: 'x', source: { kind: 'File', name: 'f.pem' } }],
        },
      },
    ]),
  ),
);

it('the committed schema is the one the code generates (run `npm run schema` after changing the report)', () => {
  expect(committed).toEqual(reportJsonSchema());
});

it('accepts a report built by the code', () => {
  expect(reportSchemaErrors(report)).toEqual([]);
});

it('accepts years 0001 and 9999, which X.509 allows', () => {
  const cert = {
    ...report.clusters[0].certificates[0],
    notBefore: '0001-01-01T00:00:00.000Z',
    notAfter: '9999-12-31T23:59:59.000Z',
  };
  expect(
    reportSchemaErrors({ ...report, clusters: [{ ...report.clusters[0], certificates: [cert] }] }),
  ).toEqual([]);
});

it.each([
  ['a missing field', (r: typeof report) => delete r.clusters[0].certificates[0].chainId, 'chainId'],
  ['an unknown level', (r: typeof report) => (r.clusters[0].certificates[0].level = 'middle'), 'level'],
  ['a non-ISO date', (r: typeof report) => (r.clusters[0].certificates[0].notAfter = 'tomorrow'), 'notAfter'],
  ['another schema version', (r: typeof report) => (r.schemaVersion = 2), 'schemaVersion'],
  [
    'a rule id not in snake_case',
    (r: typeof report) => (r.clusters[0].findings[0].rule = 'Blind Spot'),
    'rule',
  ],
  ['an unknown field', (r: typeof report) => (r.clusters[0].extra = 1), 'additional'],
])('rejects %s', (_what, mutate, word) => {
  const broken = structuredClone(report);
  mutate(broken);
  const errors = reportSchemaErrors(broken);
  expect(errors.join('\n')).toContain(word);
});
