/** The serve HTTP endpoints on a loopback port: metrics, probes, 503 before the first scan, read-only. */
import { type ProbeServer, startProbeServer } from '#adapters/http/probe-server';

let exposition: string | undefined;
let server: ProbeServer;

beforeAll(async () => {
  server = await startProbeServer(
    { metrics: () => exposition, ready: () => exposition !== undefined },
    '127.0.0.1',
    0,
  );
});
afterAll(() => server.close());

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

it('answers 503 on /metrics and /readyz until a scan completed, /healthz 200 always', async () => {
  exposition = undefined;
  expect((await get('/metrics')).status).toBe(503);
  expect((await get('/readyz')).status).toBe(503);
  expect((await get('/healthz')).status).toBe(200);
});

it('serves the exposition with its content type once there is one', async () => {
  exposition = '# HELP x y\n# TYPE x gauge\nx 1\n';
  const res = await get('/metrics?debug=1');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  expect(await res.text()).toBe(exposition);
  expect((await get('/readyz')).status).toBe(200);
  const head = await get('/metrics', { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(head.headers.get('content-length')).toBe(String(exposition.length));
});

it('refuses other methods and paths', async () => {
  const post = await get('/metrics', { method: 'POST', body: 'x' });
  expect(post.status).toBe(405);
  expect(post.headers.get('allow')).toBe('GET, HEAD');
  expect((await get('/')).status).toBe(404);
});

it('reports the bound port and a port already in use', async () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const port = Number(new URL(server.url).port);
  await expect(startProbeServer({ metrics: () => '', ready: () => true }, '127.0.0.1', port)).rejects.toThrow(
    /EADDRINUSE/,
  );
});
