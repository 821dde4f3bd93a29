/** Suggestions for mistyped commands and flags: close typos, swaps and unique prefixes; nothing far. */
import { closest, didYouMean } from '#cli/did-you-mean';

const COMMANDS = ['scan', 'inspect', 'rbac', 'serve', 'history', 'digest', 'eks-token'];

it.each([
  ['scna', 'scan'],
  ['sacn', 'scan'],
  ['inspcet', 'inspect'],
  ['histroy', 'history'],
  ['digets', 'digest'],
  ['eks', 'eks-token'],
  ['serv', 'serve'],
  ['rbca', 'rbac'],
])('%s → %s', (typed, expected) => {
  expect(closest(typed, COMMANDS)).toBe(expected);
});

it.each(['deploy', 'x', 'kubectl', '', 'a'.repeat(100)])('no suggestion for %j', (typed) => {
  expect(closest(typed, COMMANDS)).toBeUndefined();
});

it('formats the hint, empty when nothing is close', () => {
  expect(didYouMean('--contxt', ['--context', '--kubeconfig'])).toBe(" (did you mean '--context'?)");
  expect(didYouMean('--zzz', ['--context'])).toBe('');
});
