/**
 * docs/rules.md documents every rule id the code can emit: each id found in the rule sources has a
 * `### id` section (its anchor) and a row in the summary table, and the catalogue names no rule the
 * code does not have.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
// lambda/domain itself: findings made outside the rule engine (unusable inputs).
const RULE_DIRS = [
  'lambda/domain',
  'lambda/domain/rules',
  'lambda/domain/cross-source',
  'lambda/domain/history',
  'lambda/domain/fleet-trust',
];

/**
 * Snake_case literals on `rule:` lines of the rule sources (a ternary gives both ids), and on `id:`
 * lines of the per-certificate rules, whose id is their finding's rule. A cross-source rule's `id`
 * names the check (in `rule_failed`), not a finding, so only its `rule:` lines count.
 */
function ruleIdsInCode(): Set<string> {
  const ids = new Set<string>();
  for (const dir of RULE_DIRS) {
    for (const file of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(ROOT, dir, file), 'utf8');
      const ruleLine = dir === 'lambda/domain/rules' ? /^\s*(rule|id):/ : /^\s*rule:/;
      for (const line of text.split('\n').filter((l) => ruleLine.test(l))) {
        for (const [, id] of line.matchAll(/'([a-z][a-z0-9]*(?:_[a-z0-9]+)+)'/g)) ids.add(id!);
      }
      // finding(view, severity, 'rule_id', …): the per-certificate rules' helper call.
      for (const [, id] of text.matchAll(/finding\(\s*[\w.]+,\s*[\w.'"]+,\s*'([a-z_0-9]+)'/g)) ids.add(id!);
    }
  }
  return ids;
}

const catalogue = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
const sections = new Set([...catalogue.matchAll(/^### ([a-z0-9_]+)$/gm)].map((m) => m[1]!));
const tableRows = new Set([...catalogue.matchAll(/^\| \[`([a-z0-9_]+)`\]\(#\1\) \|/gm)].map((m) => m[1]!));

it('finds the rule ids of the code (the scan works)', () => {
  const ids = ruleIdsInCode();
  for (const known of ['expired', 'blind_spot', 'rotation_overdue', 'workload_certificate_expired']) {
    expect(ids).toContain(known);
  }
  expect(ids.size).toBeGreaterThanOrEqual(25);
});

it('every rule id in the code has a section and a table row in docs/rules.md', () => {
  const ids = [...ruleIdsInCode()];
  expect(ids.filter((id) => !sections.has(id))).toEqual([]);
  expect(ids.filter((id) => !tableRows.has(id))).toEqual([]);
});

it('the catalogue documents no rule the code lacks', () => {
  const ids = ruleIdsInCode();
  expect([...sections].filter((id) => !ids.has(id))).toEqual([]);
});
