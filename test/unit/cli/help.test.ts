/**
 * Every command's --help documents every flag its parser accepts (read from `command.flags`, the
 * object `run` parses with, so a new flag without help fails here), lists nothing it rejects,
 * aligns its option column, stays within 100 columns and says its exit codes.
 */
import type { Command } from '#cli/command';
import { COMMANDS } from '#cli/commands';
import { main, topLevelUsage } from '#cli/main';
import { HELP_WIDTH, optionsBlock } from '#cli/usage';

let commands: Command[];
beforeAll(async () => {
  commands = await Promise.all(Object.values(COMMANDS).map((entry) => entry.load()));
});

/** The Options block of a usage text: from `Options:` to the first blank line. */
function optionLines(usage: string): string[] {
  const lines = usage.split('\n');
  const start = lines.indexOf('Options:');
  if (start === -1) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** `--flag` names on the flag rows (lines starting `  -`), `-h, --help` included. */
function documentedFlags(usage: string): string[] {
  return optionLines(usage)
    .filter((line) => line.startsWith('  -'))
    .flatMap(
      (line) =>
        line
          .trim()
          .split(/\s{2,}/)[0]!
          .match(/--[a-z][a-z0-9-]*/g) ?? [],
    );
}

describe('command help', () => {
  it('lists the commands in the order people use them, and only exit codes true for all', async () => {
    const top = await topLevelUsage();
    const names = top
      .split('\n')
      .filter((line) => /^ {2}\S/.test(line))
      .map((line) => line.trim().split(/\s+/)[0]);
    expect(names).toEqual(['scan', 'inspect', 'rbac', 'serve', 'history', 'digest', 'eks-token']);
    expect(top).not.toContain('--fail-on');
    expect(top).toContain('exits 2 on a usage or configuration error');
  });

  it.each(Object.keys(COMMANDS))('%s --help documents exactly the flags its parser accepts', (name) => {
    const command = commands.find((c) => c.name === name)!;
    const accepted = Object.keys(command.flags).map((flag) => `--${flag}`);
    expect(accepted.length).toBeGreaterThan(0);
    expect([...documentedFlags(command.usage)].sort()).toEqual([...accepted, '--help'].sort());
  });

  it.each(Object.keys(COMMANDS))(
    '%s --help aligns its option column, fits 100 columns, says exit codes',
    (name) => {
      const { usage } = commands.find((c) => c.name === name)!;
      const rows = optionLines(usage);
      // Where the description starts: after the flag's padding on a flag row, the indent on a wrapped one.
      const column = (line: string) =>
        line.startsWith('  -') ? (/^ {2}\S.*?\S {2,}/.exec(line)?.[0].length ?? -1) : line.search(/\S/);
      expect(rows.length).toBeGreaterThan(1);
      expect(new Set(rows.map(column)).size).toBe(1);
      expect(usage.split('\n').filter((line) => line.length > HELP_WIDTH)).toEqual([]);
      expect(usage).toMatch(/\nExit codes: 0 /);
    },
  );

  it('gives --store its default wherever it is accepted', () => {
    const withStore = commands.filter((c) => 'store' in c.flags);
    expect(withStore.map((c) => c.name).sort()).toEqual(['digest', 'history', 'scan', 'serve']);
    for (const { usage } of withStore) {
      const row = optionLines(usage)
        .join('\n')
        .split(/\n(?= {2}-)/)
        .find((r) => r.includes('--store'));
      expect(row).toMatch(/\(default:\s+[^)]+\)/);
    }
  });

  it('main prints the same usage on <command> --help', async () => {
    let out = '';
    const io = {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: () => true },
      env: {},
      cwd: '/',
    };
    expect(await main(['eks-token', '--help'], io)).toBe(0);
    expect(out).toBe(commands.find((c) => c.name === 'eks-token')!.usage);
    expect(out).toContain('--cluster-name NAME');
  });
});

describe('optionsBlock', () => {
  it('pads every flag to the longest and wraps long descriptions under the column', () => {
    const long = 'word '.repeat(30).trim();
    const block = optionsBlock([
      ['--a', 'short'],
      ['--format table|json|prometheus', long],
    ]).split('\n');
    expect(block[0]).toBe('Options:');
    expect(block[1]).toBe(`  --a${' '.repeat(29)}short`);
    expect(block[2]!.indexOf('word')).toBe(34);
    expect(block[3]!.startsWith(`${' '.repeat(34)}word`)).toBe(true);
    expect(block.at(-1)).toBe(`  -h, --help${' '.repeat(22)}show this help`);
    expect(block.every((line) => line.length <= HELP_WIDTH)).toBe(true);
    expect(block.join(' ').match(/word/g)).toHaveLength(30);
  });
});
