/** Where a rule id is explained: its anchor in docs/rules.md (the same id, as GitHub renders headings). */

/** The rule catalogue, relative to the certwatch repository. */
export const RULES_DOC = 'docs/rules.md';

/** `docs/rules.md#blind_spot`: the anchor of `rule` in the catalogue. */
export function ruleDocAnchor(rule: string): string {
  return `${RULES_DOC}#${rule}`;
}
