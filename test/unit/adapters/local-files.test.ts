import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFiles } from '#adapters/local-files';

describe('LocalFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'certwatch-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'a.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  writeFileSync(join(dir, 'b.der'), Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]));
  mkdirSync(join(dir, 'sub'));

  it('reads PEM as text and DER as bytes, keeping the path as given', async () => {
    const { materials, failures } = await new LocalFiles(['a.pem', 'b.der'], dir).collect(
      new AbortController().signal,
    );
    expect(failures).toEqual([]);
    expect(materials.map((m) => m.source)).toEqual([
      { kind: 'File', name: 'a.pem' },
      { kind: 'File', name: 'b.der' },
    ]);
    expect(typeof materials[0]?.data).toBe('string');
    expect(materials[1]?.data).toEqual(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]));
  });

  it('turns a missing file and a directory into failures and still reads the rest', async () => {
    const { materials, failures } = await new LocalFiles(['missing.pem', 'sub', 'a.pem'], dir).collect(
      new AbortController().signal,
    );
    expect(materials).toHaveLength(1);
    expect(failures.map((f) => [f.location?.name, f.reason])).toEqual([
      ['missing.pem', 'not_found'],
      ['sub', 'bad_data'],
    ]);
    expect(failures[0]?.detail).toBe('missing.pem: no such file');
  });
});
