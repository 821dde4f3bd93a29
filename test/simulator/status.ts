/** `Status` objects shaped like the real API server's, for every error the simulator returns. */

/** A meta/v1 Status failure body. */
export interface StatusBody {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Failure';
  readonly message: string;
  readonly reason: string;
  readonly details?: { name?: string; group?: string; kind?: string };
  readonly code: number;
}

/** An error response: HTTP status plus its Status body. */
export interface ErrorResponse {
  readonly code: number;
  readonly body: StatusBody;
}

function status(
  code: number,
  reason: string,
  message: string,
  details?: StatusBody['details'],
): ErrorResponse {
  const body: StatusBody = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  return { code, body: details ? { ...body, details } : body };
}

/** 401 for a missing or unknown token. */
export const unauthorized = (): ErrorResponse => status(401, 'Unauthorized', 'Unauthorized');

/** 403 with the authorizer's message. */
export const forbidden = (message: string, details: StatusBody['details']): ErrorResponse =>
  status(403, 'Forbidden', message, details);

/** 404 for a missing object: `secrets "x" not found`. */
export const notFound = (qualifiedResource: string, name: string, group: string): ErrorResponse =>
  status(404, 'NotFound', `${qualifiedResource} "${name}" not found`, {
    name,
    ...(group ? { group } : {}),
    kind: qualifiedResource.split('.')[0],
  });

/** 404 for a path the server does not serve. */
export const noSuchPath = (): ErrorResponse =>
  status(404, 'NotFound', 'the server could not find the requested resource', {});

/** 400 for a malformed request (bad selector, bad continue token). */
export const badRequest = (message: string): ErrorResponse => status(400, 'BadRequest', message);

/** 405 for verbs the simulator does not serve (it is read-only over HTTP). */
export const methodNotAllowed = (method: string): ErrorResponse =>
  status(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource (${method})`,
  );

/** 503 when a proxied port has no handler, like a dial error on the real server. */
export const serviceUnavailable = (message: string): ErrorResponse =>
  status(503, 'ServiceUnavailable', message);

/** 500 as an injected fault. */
export const internalError = (message: string): ErrorResponse => status(500, 'InternalError', message);

/** A Status for an arbitrary injected HTTP code. */
export const injected = (code: number): ErrorResponse =>
  status(code, code >= 500 ? 'InternalError' : 'BadRequest', `injected fault (HTTP ${code})`);
