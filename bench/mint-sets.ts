/** Certificate sets for the benchmark, minted once per run relative to a fixed instant. */
import { type MintedCert, mint } from '../test/support/mint';

/** The benchmark's fixed "now": nothing it mints ever expires relative to it. */
export const BENCH_NOW = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(BENCH_NOW.getTime() + days * DAY);

/** root → intermediate → `leaves` distinct workload certificates (EC P-256: fast to mint). */
export async function mintDistinct(leaves: number): Promise<MintedCert[]> {
  const root = await mint({
    subject: 'CN=Bench Root,O=certwatch',
    isCA: true,
    notBefore: at(-365),
    notAfter: at(3650),
  });
  const intermediate = await mint({
    subject: 'CN=Bench Intermediate,O=certwatch',
    issuer: root,
    serialNumber: 2,
    isCA: true,
    notBefore: at(-30),
    notAfter: at(700),
  });
  const set = [root, intermediate];
  for (let i = 0; i < leaves; i++) {
    set.push(
      await mint({
        // One leaf key pair for all: key generation would dominate minting; the DER still differs.
        ...(set[2] ? { reuseKeyOf: set[2] } : {}),
        subject: `CN=workload-${i},O=certwatch`,
        issuer: intermediate,
        // Explicit serials: the random default can encode a non-minimal INTEGER OpenSSL rejects.
        serialNumber: i + 100,
        notBefore: at(-1),
        notAfter: at(1 + (i % 30)),
        uris: [`spiffe://cluster.local/ns/ns-${i % 50}/sa/sa-${i}`],
      }),
    );
  }
  return set;
}

/** `distinct` self-signed roots, as a mesh root copied into every namespace would be. */
export async function mintRoots(distinct: number): Promise<MintedCert[]> {
  const roots: MintedCert[] = [];
  for (let i = 0; i < distinct; i++) {
    roots.push(
      await mint({
        subject: `CN=Mesh Root ${i},O=certwatch`,
        isCA: true,
        notBefore: at(-100),
        notAfter: at(3000 + i),
      }),
    );
  }
  return roots;
}
