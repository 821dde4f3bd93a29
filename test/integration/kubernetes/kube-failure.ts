/** The KubeApiError a client call rejects with (fails the test when it resolves or throws anything else). */
import { KubeApiError } from '#adapters/kubernetes/kube-api';

/** Awaits `promise` expecting a KubeApiError, and returns it. */
export async function failureOf(promise: Promise<unknown>): Promise<KubeApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KubeApiError);
  return error as KubeApiError;
}
