/** The loopback Slack API itself: both body encodings, auth answers, recorded fields. */
import { type SlackApi, startSlackApi } from '#support/slack-api-server';

let api: SlackApi;
beforeEach(async () => {
  api = await startSlackApi({ token: 'xoxb-good' });
});
afterEach(() => api.stop());

async function call(method: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${api.url}${method}`, { method: 'POST', body, headers });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('loopback Slack API', () => {
  it('records a JSON post with blocks and thread and answers its ts', async () => {
    const body = JSON.stringify({
      channel: 'C1',
      text: 'hi',
      blocks: [{ type: 'divider' }],
      thread_ts: '1.2',
      reply_broadcast: false,
    });
    const { json } = await call('chat.postMessage', body, {
      authorization: 'Bearer xoxb-good',
      'content-type': 'application/json',
    });
    expect(json).toMatchObject({ ok: true, channel: 'C1' });
    expect(api.messages).toEqual([
      {
        channel: 'C1',
        text: 'hi',
        blocks: [{ type: 'divider' }],
        thread_ts: '1.2',
        reply_broadcast: false,
        ts: json.ts,
      },
    ]);
  });

  it('accepts a form body with the token in it and blocks as JSON text', async () => {
    const form = new URLSearchParams({ token: 'xoxb-good', channel: 'C2', blocks: '[{"type":"divider"}]' });
    const { json } = await call('chat.postMessage', form.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(json.ok).toBe(true);
    expect(api.messages[0]?.blocks).toEqual([{ type: 'divider' }]);
  });

  it('answers not_authed, invalid_auth, channel_not_found and unknown_method', async () => {
    const json = { 'content-type': 'application/json' };
    const post = JSON.stringify({ channel: 'C', text: 't' });
    expect((await call('chat.postMessage', post, json)).json.error).toBe('not_authed');
    expect((await call('chat.postMessage', post, { ...json, authorization: 'Bearer nope' })).json.error).toBe(
      'invalid_auth',
    );
    const good = { ...json, authorization: 'Bearer xoxb-good' };
    expect((await call('chat.postMessage', JSON.stringify({ text: 't' }), good)).json.error).toBe(
      'channel_not_found',
    );
    expect((await call('conversations.list', '{}', good)).status).toBe(404);
    expect(api.messages).toHaveLength(0);
    expect(api.calls()).toBe(4);
  });

  it('plays scripted faults in order, then answers normally', async () => {
    api.failNext({ type: 'rate_limited', retryAfterSeconds: 7 });
    api.failNext({ type: 'slack_error', error: 'msg_too_long' });
    const good = { 'content-type': 'application/json', authorization: 'Bearer xoxb-good' };
    const post = JSON.stringify({ channel: 'C', text: 't' });
    const limited = await fetch(`${api.url}chat.postMessage`, { method: 'POST', body: post, headers: good });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await call('chat.postMessage', post, good)).json.error).toBe('msg_too_long');
    expect((await call('chat.postMessage', post, good)).json.ok).toBe(true);
    expect(api.messages).toHaveLength(1);
  });
});
