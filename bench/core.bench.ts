/**
 * `npm run bench`: throughput of certwatch's core (parse + dedupe + chains + risk rules) against
 * Node's native `crypto.X509Certificate` parsing of the same DER, in the same run:
 *   (a) N distinct certificates;  (b) a few certificates each repeated many times, as one mesh root
 *   is across namespaces (certwatch parses each distinct DER once; X509Certificate parses every copy).
 * Plus, for (a), the floor any chain builder on Node has: X509Certificate parsing plus one native
 * signature check per certificate (each issuer key extracted once), against the same baseline.
 * Sizes: BENCH_DISTINCT (default 2000), BENCH_ROOTS (20), BENCH_COPIES (1000), BENCH_RUNS (3).
 */
import { X509Certificate } from 'node:crypto';
import { assess } from '../lambda/domain/assess';
import type { CertificateFacts, CertificateMaterial } from '../lambda/domain/model';
import { parseMaterial } from '../lambda/domain/parse';
import type { MintedCert } from '../test/support/mint';
import { bestPairMs, countDecodes } from './measure';
import { BENCH_NOW, mintDistinct, mintRoots } from './mint-sets';

const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const DISTINCT = size('BENCH_DISTINCT', 2000);
const ROOTS = size('BENCH_ROOTS', 20);
const COPIES = size('BENCH_COPIES', 1000);
const RUNS = size('BENCH_RUNS', 3);

interface Row {
  readonly name: string;
  readonly inputs: number;
  readonly distinct: number;
  /** Certificates the parser decoded (the facts cache fills once per distinct DER). */
  readonly parsed: number;
  /** Every pkijs certificate decode in the run, signature checks included. */
  readonly decodes: number;
  readonly ms: number;
  readonly baselineMs: number;
}

function materials(certs: readonly MintedCert[], copies: number): CertificateMaterial[] {
  return certs.flatMap((cert, i) =>
    Array.from({ length: copies }, (_, n) => ({
      source: { kind: 'ConfigMap', namespace: `ns-${n}`, name: `root-${i}`, key: 'root-cert.pem' },
      data: cert.pem,
    })),
  );
}

/** Node's parser on every copy's DER: the baseline. */
function x509All(certs: readonly MintedCert[], copies: number): void {
  for (const cert of certs) for (let n = 0; n < copies; n++) new X509Certificate(cert.der);
}

async function measureCase(name: string, certs: readonly MintedCert[], copies: number): Promise<Row> {
  const input = materials(certs, copies);
  const factsCache = new Map<string, CertificateFacts>();
  const { result, decodes } = await countDecodes(() => assess(input, { now: BENCH_NOW, factsCache }));
  if (result.certificates.length !== certs.length) {
    throw new Error(
      `${name}: expected ${certs.length} certificates, assess returned ${result.certificates.length}`,
    );
  }
  const [ms, baselineMs] = await bestPairMs(
    RUNS,
    () => assess(input, { now: BENCH_NOW }),
    () => x509All(certs, copies),
  );
  const parsed = factsCache.size;
  return { name, inputs: input.length, distinct: certs.length, parsed, decodes, ms, baselineMs };
}

async function measureParseOnly(certs: readonly MintedCert[]): Promise<Row> {
  const parseAll = () => {
    const cache = new Map<string, CertificateFacts>();
    for (const cert of certs) parseMaterial(cert.pem, cache);
    return cache;
  };
  const { result, decodes } = await countDecodes(async () => parseAll());
  const [ms, baselineMs] = await bestPairMs(RUNS, parseAll, () => x509All(certs, 1));
  return {
    name: '(a) parse only (PEM → facts)',
    inputs: certs.length,
    distinct: certs.length,
    parsed: result.size,
    decodes,
    ms,
    baselineMs,
  };
}

/**
 * The least work a verifying chain builder does on the distinct set, all in OpenSSL: parse every
 * certificate, extract each issuer's key once and check every signature once (the set is root →
 * intermediate → leaves, in that order).
 */
function nativeFloor(certs: readonly MintedCert[]): void {
  const parsed = certs.map((cert) => new X509Certificate(cert.der));
  const [root, intermediate] = parsed as [X509Certificate, X509Certificate];
  const rootKey = root.publicKey;
  const intermediateKey = intermediate.publicKey;
  root.verify(rootKey);
  intermediate.verify(rootKey);
  for (let i = 2; i < parsed.length; i++) parsed[i]!.verify(intermediateKey);
}

function printTable(rows: readonly Row[]): void {
  const header = [
    'case',
    'inputs',
    'distinct',
    'parsed',
    'pkijs decodes',
    'certwatch',
    'X509Certificate',
    'ratio',
  ];
  const body = rows.map((r) => [
    r.name,
    String(r.inputs),
    String(r.distinct),
    String(r.parsed),
    String(r.decodes),
    `${Math.round((r.inputs / r.ms) * 1000)}/s (${r.ms.toFixed(0)} ms)`,
    `${Math.round((r.inputs / r.baselineMs) * 1000)}/s (${r.baselineMs.toFixed(0)} ms)`,
    `${(r.baselineMs / r.ms).toFixed(2)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  for (const row of [header, ...body]) {
    console.log(
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  '),
    );
  }
}

async function main(): Promise<void> {
  console.log(`certwatch bench — Node ${process.version}, best of ${RUNS} runs; minting certificates…`);
  const distinct = await mintDistinct(DISTINCT);
  x509All(distinct, 1); // warm up Node's parser like the counted run warms up certwatch's
  const roots = await mintRoots(ROOTS);
  const rows = [
    await measureParseOnly(distinct),
    await measureCase('(a) assess: parse + chains + rules', distinct, 1),
    await measureCase(`(b) assess: ${ROOTS} roots × ${COPIES} copies`, roots, COPIES),
  ];
  printTable(rows);
  const [floorMs, floorBaselineMs] = await bestPairMs(
    RUNS,
    () => nativeFloor(distinct),
    () => x509All(distinct, 1),
  );
  const [, a, b] = rows as [Row, Row, Row];
  console.log(
    `ratio (a) distinct: certwatch runs at ${(a.baselineMs / a.ms).toFixed(2)}× the speed of bare X509Certificate parsing`,
  );
  console.log(
    `floor (a): X509Certificate parse + one native signature check per certificate runs at ` +
      `${Math.round((distinct.length / floorMs) * 1000)}/s against ` +
      `${Math.round((distinct.length / floorBaselineMs) * 1000)}/s bare parsing, ${(floorBaselineMs / floorMs).toFixed(2)}×: ` +
      `no chain builder on Node that checks each signature goes above this ratio`,
  );
  console.log(
    `ratio (b) repeated: ${(b.baselineMs / b.ms).toFixed(2)}× — ${b.inputs} materials, ${b.parsed} parsed ` +
      `(${b.decodes} pkijs decodes incl. signature checks) for ${b.distinct} distinct certificates`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
