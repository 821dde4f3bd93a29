/** `serve --listen`: HOST:PORT, :PORT, [IPv6]:PORT; anything else is a usage error naming the value. */
import { UsageError } from '#cli/command';
import { parseListen } from '#cli/listen-address';

it.each([
  ['127.0.0.1:0', { host: '127.0.0.1', port: 0 }],
  [':9797', { host: '0.0.0.0', port: 9797 }],
  ['[::1]:8080', { host: '::1', port: 8080 }],
  ['localhost:65535', { host: 'localhost', port: 65535 }],
])('parses %s', (value, expected) => {
  expect(parseListen(value, '')).toEqual(expected);
});

it.each(['9797', '127.0.0.1', ':65536', '::1:80', 'host:port', ''])('rejects %j', (value) => {
  expect(() => parseListen(value, '')).toThrow(UsageError);
  expect(() => parseListen(value, '')).toThrow(`invalid --listen '${value}'`);
});
