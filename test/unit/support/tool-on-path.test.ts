import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findOnPath, requireTool } from '#support/tool-on-path';

describe('findOnPath', () => {
  const dir = mkdtempSync(join(tmpdir(), 'certwatch-path-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds an executable in any PATH directory, not only /usr/bin', () => {
    const tool = join(dir, 'fake-kubectl');
    writeFileSync(tool, '#!/bin/sh\n');
    chmodSync(tool, 0o755);
    expect(findOnPath('fake-kubectl', ['/nonexistent', dir].join(delimiter))).toBe(tool);
  });

  it('ignores a file that is not executable, and finds nothing on an empty PATH', () => {
    writeFileSync(join(dir, 'plain'), 'x');
    chmodSync(join(dir, 'plain'), 0o644);
    expect(findOnPath('plain', dir)).toBeUndefined();
    expect(findOnPath('kubectl', '')).toBeUndefined();
  });

  it('makes a missing tool an error that names it', () => {
    expect(() => requireTool('certwatch-no-such-tool', 'certwatch-tools')).toThrow(
      /certwatch-no-such-tool not found on PATH: the tests need it \(Debian's certwatch-tools; \.ci\/run installs it\)/,
    );
  });
});
