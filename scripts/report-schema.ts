/**
 * `npm run schema`: writes docs/report.schema.json, the JSON Schema of the `--format json` report,
 * from the zod schema the compiler holds equal to the report type (lambda/config/report-schema.ts).
 * A test fails when the committed file and the code disagree.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportJsonSchema } from '../lambda/config/report-schema';

const path = join(__dirname, '..', 'docs', 'report.schema.json');
writeFileSync(path, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path}`);
