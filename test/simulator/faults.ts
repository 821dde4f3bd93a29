/**
 * Fault injection per path (and query parameter): error codes with Retry-After, delays (to trip
 * client timeouts), garbage bodies, and broken connections (reset, cut body, endless body).
 */
import type { Fault } from './types';

interface ActiveFault {
  readonly fault: Fault;
  remaining: number;
}

function pathMatches(pattern: string | RegExp, path: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(path);
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
  return path === pattern;
}

/** The faults of one simulator, matched in the order they were added. */
export class FaultInjector {
  private active: ActiveFault[] = [];

  constructor(initial: readonly Fault[] = []) {
    for (const fault of initial) this.add(fault);
  }

  /** Adds a fault; it applies to `fault.times` matching requests (default all). */
  add(fault: Fault): void {
    this.active.push({ fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
  }

  /** Removes every fault. */
  clear(): void {
    this.active = [];
  }

  /** The first fault for this request, consuming one of its `times`. */
  take(method: string, path: string, query?: URLSearchParams): Fault | undefined {
    const found = this.active.find(
      (a) =>
        a.remaining > 0 &&
        (!a.fault.method || a.fault.method === method) &&
        (!a.fault.withQuery || query?.has(a.fault.withQuery) === true) &&
        pathMatches(a.fault.path, path),
    );
    if (!found) return undefined;
    found.remaining -= 1;
    return found.fault;
  }
}
