/** A source read that failed: becomes a blind-spot finding. Pure types, shared by the domain and the ports. */
import type { SourceLocation } from './model';

/** Why a source (or one object of it) could not be read. Stable snake_case, never renamed. */
export const SOURCE_FAILURE_REASONS = [
  'unauthorized',
  'permission_denied',
  'not_found',
  'server_error',
  'timeout',
  'bad_data',
  'unreachable',
] as const;

/** One of {@link SOURCE_FAILURE_REASONS}. */
export type SourceFailureReason = (typeof SOURCE_FAILURE_REASONS)[number];

/** One thing a source could not read. */
export interface SourceFailure {
  readonly source: string;
  readonly location?: SourceLocation;
  readonly reason: SourceFailureReason;
  readonly detail: string;
  /** The exact step that would allow the read (e.g. the RBAC grant), when the source knows it. */
  readonly remediation?: string;
}

/**
 * How completely one source was read: `complete` (everything, no failure), `incomplete` (some
 * objects unread or the budget ran out: what was read is kept), `failed` (nothing could be read).
 */
export type SourceStatus = 'complete' | 'incomplete' | 'failed';

/** One source's read status in a cluster scan. */
export interface SourceRead {
  readonly name: string;
  readonly status: SourceStatus;
}
