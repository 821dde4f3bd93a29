/**
 * A loopback Slack Web API for tests and local runs: `chat.postMessage` (form or JSON body, with
 * message `metadata`), `conversations.history` / `conversations.replies` (oldest/latest window,
 * cursor pages, metadata only with `include_all_metadata`, as Slack answers) and `auth.test`,
 * bearer-token checked, recording every delivered message, with scripted faults (429 +
 * Retry-After, HTTP 5xx, `ok:false`, delay, dropped connection). Listens on 127.0.0.1:0.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message Slack would have shown. */
export interface RecordedSlackMessage {
  readonly channel: string;
  readonly text?: string;
  readonly blocks?: unknown[];
  readonly thread_ts?: string;
  readonly reply_broadcast?: boolean;
  /** Message metadata as posted (`event_type`, `event_payload`). */
  readonly metadata?: { readonly event_type: string; readonly event_payload: Record<string, unknown> };
  readonly ts: string;
}

/** A scripted answer for the next call(s) instead of the normal one. */
export type SlackFault =
  | { readonly type: 'rate_limited'; readonly retryAfterSeconds?: number }
  | { readonly type: 'http_error'; readonly status?: number }
  | { readonly type: 'slack_error'; readonly error: string }
  | { readonly type: 'delay'; readonly ms: number }
  | { readonly type: 'drop' };

/** A running loopback Slack API. */
export interface SlackApi {
  /** Base URL for `WebClient`'s `slackApiUrl`, ending in `/api/`. */
  readonly url: string;
  /** The token it accepts. */
  readonly token: string;
  /** Delivered messages, in order (live array). */
  readonly messages: RecordedSlackMessage[];
  /** Every request received, faulted or not. */
  readonly calls: () => number;
  /** Answers the next `times` calls with `fault` (queued after earlier scripted faults). */
  failNext(fault: SlackFault, times?: number): void;
  /** Answers every call with `fault` until `clearFaults()`. */
  failAlways(fault: SlackFault): void;
  clearFaults(): void;
  stop(): Promise<void>;
}

interface ApiState {
  readonly token: string;
  readonly messages: RecordedSlackMessage[];
  readonly queue: SlackFault[];
  always?: SlackFault;
  calls: number;
  sequence: number;
}

/** Starts the loopback Slack API. */
export async function startSlackApi(options: { token?: string } = {}): Promise<SlackApi> {
  const state: ApiState = {
    token: options.token ?? 'xoxb-test-token-0000',
    messages: [],
    queue: [],
    calls: 0,
    sequence: 0,
  };
  const server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => reply(res, { ok: false, error: String(error) }, 500));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    token: state.token,
    messages: state.messages,
    calls: () => state.calls,
    failNext: (fault, times = 1) => {
      for (let i = 0; i < times; i++) state.queue.push(fault);
    },
    failAlways: (fault) => {
      state.always = fault;
    },
    clearFaults: () => {
      state.always = undefined;
      state.queue.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function handle(state: ApiState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  state.calls++;
  const body = await readBody(req);
  const fault = state.always ?? state.queue.shift();
  if (fault?.type === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
  else if (fault) return answerFault(fault, req, res);
  const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
  const presented = bearer(req) ?? (typeof body.token === 'string' ? body.token : undefined);
  if (!presented) return reply(res, { ok: false, error: 'not_authed' });
  if (presented !== state.token) return reply(res, { ok: false, error: 'invalid_auth' });
  if (method === 'auth.test') return reply(res, { ok: true, user_id: 'U0CERTWATCH', team_id: 'T0LOOPBACK' });
  if (method === 'conversations.history' || method === 'conversations.replies') {
    return reply(res, conversation(state, method, body));
  }
  if (method !== 'chat.postMessage') return reply(res, { ok: false, error: 'unknown_method' }, 404);
  if (typeof body.channel !== 'string' || body.channel === '') {
    return reply(res, { ok: false, error: 'channel_not_found' });
  }
  if (!body.text && !body.blocks) return reply(res, { ok: false, error: 'no_text' });
  state.sequence++;
  // Slack's ts is the posting time in seconds (unique per channel): the clock plus a sequence.
  const ts = `${Math.floor(Date.now() / 1000)}.${String(state.sequence).padStart(6, '0')}`;
  state.messages.push(recordOf(body, ts));
  reply(res, { ok: true, channel: body.channel, ts, message: { text: body.text, ts } });
}

function answerFault(fault: SlackFault, req: IncomingMessage, res: ServerResponse): void {
  switch (fault.type) {
    case 'rate_limited': {
      const headers =
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      res.writeHead(429, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    case 'http_error':
      res.writeHead(fault.status ?? 500, { 'content-type': 'text/plain' });
      res.end('internal error');
      return;
    case 'slack_error':
      reply(res, { ok: false, error: fault.error });
      return;
    case 'drop':
      req.socket.destroy();
      return;
    case 'delay':
      return;
  }
}

function reply(res: ServerResponse, payload: object, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(payload));
}

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw === '') return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw);
  return Object.fromEntries(new URLSearchParams(raw));
}

const PAGE = 100;

/**
 * `conversations.history` (top-level messages and thread broadcasts, newest first) or
 * `conversations.replies` (a thread's parent and replies, oldest first) within oldest/latest,
 * one page per cursor; `metadata` only when `include_all_metadata` is set.
 */
function conversation(state: ApiState, method: string, body: Record<string, unknown>): object {
  const channel = String(body.channel ?? '');
  const inChannel = state.messages.filter((m) => m.channel === channel);
  if (channel === '' || inChannel.length === 0) return { ok: false, error: 'channel_not_found' };
  const oldest = Number(body.oldest ?? 0);
  const latest = body.latest === undefined ? Number.POSITIVE_INFINITY : Number(body.latest);
  const inWindow = (m: RecordedSlackMessage) => Number(m.ts) >= oldest && Number(m.ts) <= latest;
  const flag = (v: unknown) => v === true || v === 'true' || v === '1' || v === 1;
  let found: RecordedSlackMessage[];
  if (method === 'conversations.history') {
    found = inChannel.filter((m) => (!m.thread_ts || m.reply_broadcast) && inWindow(m)).reverse();
  } else {
    const parent = String(body.ts ?? '');
    if (!inChannel.some((m) => m.ts === parent)) return { ok: false, error: 'thread_not_found' };
    found = inChannel.filter((m) => (m.ts === parent || m.thread_ts === parent) && inWindow(m));
  }
  const start = Number(body.cursor ?? 0);
  const page = found.slice(start, start + PAGE);
  const more = start + PAGE < found.length;
  const withMeta = flag(body.include_all_metadata);
  return {
    ok: true,
    messages: page.map(({ metadata, channel: _c, ...m }) => ({
      type: 'message',
      ...m,
      ...(withMeta && metadata ? { metadata } : {}),
    })),
    has_more: more,
    response_metadata: { next_cursor: more ? String(start + PAGE) : '' },
  };
}

/** Form bodies carry `blocks` as a JSON string and booleans as text; normalise both encodings. */
function recordOf(body: Record<string, unknown>, ts: string): RecordedSlackMessage {
  const blocks = typeof body.blocks === 'string' ? JSON.parse(body.blocks) : body.blocks;
  const metadata = typeof body.metadata === 'string' ? JSON.parse(body.metadata) : body.metadata;
  const broadcast = body.reply_broadcast;
  return {
    channel: String(body.channel),
    text: typeof body.text === 'string' ? body.text : undefined,
    blocks: Array.isArray(blocks) ? blocks : undefined,
    thread_ts: typeof body.thread_ts === 'string' ? body.thread_ts : undefined,
    reply_broadcast: broadcast === undefined ? undefined : broadcast === true || broadcast === 'true',
    ...(metadata && typeof metadata === 'object' ? { metadata } : {}),
    ts,
  };
}
