/** When a long-running command (`serve`) must stop: SIGTERM (Kubernetes) or SIGINT (Ctrl-C). */
import type { CliIo } from './command';

/**
 * `io.stop` when the caller gives one (tests), else a signal aborted by the first SIGTERM or
 * SIGINT; a second SIGINT then ends the process the default way.
 */
export function stopSignal(io: CliIo): AbortSignal {
  if (io.stop) return io.stop;
  const controller = new AbortController();
  const stop = () => {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    controller.abort();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return controller.signal;
}
