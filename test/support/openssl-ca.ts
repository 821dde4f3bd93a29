/**
 * Mints certificates with the `openssl` CLI (genpkey, req, ca), so tests judge input that no code of
 * ours encoded. Commands are queued and run as one shell script per `run()` (one process per
 * openssl command, no per-command round trip through Node). Every date is given by the test:
 * `openssl ca -startdate/-enddate`. Test support only: may import anything.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Key algorithms the openssl CLI mints here. */
export type OpensslKey = 'ec-p256' | 'ec-p384' | 'ec-p521' | 'rsa' | 'rsa-pss' | 'ed25519' | 'ed448';

/** One certificate to mint. Files land in the mint's directory as `<name>.pem`. */
export interface OpensslCertSpec {
  readonly name: string;
  /** openssl `-subj` form: `/CN=Root/O=Example`; `/` for an empty subject. */
  readonly subject: string;
  /** Key stem (from {@link OpensslMint.key}) of the certificate's own key. */
  readonly key: string;
  /** Issuer certificate name and its key stem; omitted = self-signed with `key`. */
  readonly issuer?: { readonly cert: string; readonly key: string };
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** openssl extension lines, e.g. `basicConstraints = critical,CA:TRUE,pathlen:0`. */
  readonly extensions: readonly string[];
}

const KEY_ARGS: Readonly<Record<OpensslKey, string>> = {
  'ec-p256': '-algorithm EC -pkeyopt ec_paramgen_curve:P-256',
  'ec-p384': '-algorithm EC -pkeyopt ec_paramgen_curve:P-384',
  'ec-p521': '-algorithm EC -pkeyopt ec_paramgen_curve:P-521',
  rsa: '-algorithm RSA -pkeyopt rsa_keygen_bits:2048',
  'rsa-pss': '-algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048',
  ed25519: '-algorithm ED25519',
  ed448: '-algorithm ED448',
};

const CONFIG = `[ca]
default_ca = mint
[mint]
database = index.txt
serial = serial.txt
new_certs_dir = issued
default_md = default
policy = anything
preserve = yes
email_in_dn = yes
copy_extensions = none
unique_subject = no
[anything]
commonName = optional
`;

/** CA extensions: `CA:TRUE`, key usage for signing, key identifiers unless `withoutKeyIds`. */
export function caExtensions(options: { pathLen?: number; withoutKeyIds?: boolean } = {}): string[] {
  const pathLen = options.pathLen === undefined ? '' : `,pathlen:${options.pathLen}`;
  return [
    `basicConstraints = critical,CA:TRUE${pathLen}`,
    'keyUsage = critical,keyCertSign,cRLSign',
    ...(options.withoutKeyIds ? [] : keyIds()),
  ];
}

/** Leaf extensions: `CA:FALSE`, digitalSignature, key identifiers unless `withoutKeyIds`. */
export function leafExtensions(options: { withoutKeyIds?: boolean; san?: string } = {}): string[] {
  return [
    'basicConstraints = critical,CA:FALSE',
    'keyUsage = critical,digitalSignature',
    ...(options.san ? [`subjectAltName = ${options.san}`] : []),
    ...(options.withoutKeyIds ? [] : keyIds()),
  ];
}

function keyIds(): string[] {
  return ['subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid:always'];
}

/** openssl's `YYYYMMDDHHMMSSZ`. */
export function opensslTime(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/** Queues openssl commands in `dir` and runs them as one script. */
export class OpensslMint {
  private readonly lines: string[] = [];

  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'issued'), { recursive: true });
    mkdirSync(join(dir, 'ext'), { recursive: true });
    writeFileSync(join(dir, 'ca.cnf'), CONFIG);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'index.txt.attr'), 'unique_subject = no\n');
    writeFileSync(join(dir, 'serial.txt'), '01\n');
  }

  /** Queues a key `<stem>.key` and a request `<stem>.csr` for it (any subject: `ca -subj` sets it). */
  key(stem: string, algorithm: OpensslKey): this {
    this.lines.push(
      `openssl genpkey ${KEY_ARGS[algorithm]} -out ${stem}.key`,
      `openssl req -new -key ${stem}.key -subj /CN=request -out ${stem}.csr`,
    );
    return this;
  }

  /** Queues one certificate. */
  cert(spec: OpensslCertSpec): this {
    writeFileSync(join(this.dir, 'ext', `${spec.name}.cnf`), `[x]\n${spec.extensions.join('\n')}\n`);
    const signer = spec.issuer
      ? `-cert ${spec.issuer.cert}.pem -keyfile ${spec.issuer.key}.key`
      : `-selfsign -keyfile ${spec.key}.key`;
    this.lines.push(
      [
        'openssl ca -batch -config ca.cnf -notext -rand_serial -utf8',
        `-in ${spec.key}.csr -subj ${shellQuote(spec.subject)} ${signer}`,
        `-startdate ${opensslTime(spec.notBefore)} -enddate ${opensslTime(spec.notAfter)}`,
        `-extfile ext/${spec.name}.cnf -extensions x -out ${spec.name}.pem`,
      ].join(' '),
    );
    return this;
  }

  /** Runs everything queued (stops at the first failing command), then clears the queue. */
  run(): Promise<void> {
    const script = ['set -e', ...this.lines.map((l) => `${l} 2>>openssl.log >/dev/null`)].join('\n');
    this.lines.length = 0;
    return new Promise((resolve, reject) => {
      writeFileSync(join(this.dir, 'mint.sh'), script);
      execFile('sh', ['mint.sh'], { cwd: this.dir, maxBuffer: 16 << 20 }, (error) => {
        if (!error) return resolve();
        const log = readFileSync(join(this.dir, 'openssl.log'), 'utf8').slice(-2000);
        reject(new Error(`openssl failed in ${this.dir}: ${log}`));
      });
    });
  }

  /** PEM text of a minted certificate. */
  pem(name: string): string {
    return readFileSync(join(this.dir, `${name}.pem`), 'utf8');
  }

  /** Path of a minted certificate (for CLI arguments). */
  path(name: string): string {
    return join(this.dir, `${name}.pem`);
  }
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
