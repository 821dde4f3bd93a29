/** Field and label selectors with the syntax and the errors of the real API server. */
import type { SimObject } from './types';

/** A selector the server refuses; becomes a 400 BadRequest. */
export class SelectorError extends Error {}

type Predicate = (object: SimObject) => boolean;

/** Splits on commas that are not inside `in (…)` parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else current += ch;
  }
  terms.push(current.trim());
  return terms.filter((t) => t !== '');
}

function fieldValue(object: SimObject, field: string): string {
  let value: unknown = object;
  for (const part of field.split('.')) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value === undefined || value === null ? '' : String(value);
}

/** Parses `metadata.name=x,metadata.namespace!=y`; `allowed` are the extra fields of the type. */
export function parseFieldSelector(selector: string, allowed: readonly string[] = []): Predicate {
  const fields = new Set(['metadata.name', 'metadata.namespace', ...allowed]);
  const predicates = splitTerms(selector).map((term): Predicate => {
    const match = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!match) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, field = '', op, value = ''] = match;
    if (!fields.has(field)) throw new SelectorError(`field label not supported: ${field}`);
    return op === '!=' ? (o) => fieldValue(o, field) !== value : (o) => fieldValue(o, field) === value;
  });
  return (object) => predicates.every((p) => p(object));
}

function labelTerm(term: string): Predicate {
  const labels = (o: SimObject) => o.metadata.labels ?? {};
  const set = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (set) {
    const [, key = '', op, list = ''] = set;
    const values = list.split(',').map((v) => v.trim());
    if (op === 'in') return (o) => key in labels(o) && values.includes(labels(o)[key] ?? '');
    return (o) => !(key in labels(o)) || !values.includes(labels(o)[key] ?? '');
  }
  const eq = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term);
  if (eq) {
    const [, key = '', op, value = ''] = eq;
    if (op === '!=') return (o) => labels(o)[key] !== value;
    return (o) => key in labels(o) && labels(o)[key] === value;
  }
  const exists = /^(!?)([\w./-]+)$/.exec(term);
  if (exists) {
    const [, not, key = ''] = exists;
    return not ? (o) => !(key in labels(o)) : (o) => key in labels(o);
  }
  throw new SelectorError(`unable to parse requirement: ${term}`);
}

/** Parses `app=x,tier!=db,env in (a,b),!legacy`. */
export function parseLabelSelector(selector: string): Predicate {
  const predicates = splitTerms(selector).map(labelTerm);
  return (object) => predicates.every((p) => p(object));
}
