/**
 * Closes something whose close may fail when nobody can do anything about the failure (a handle that died
 * with the service, one being dropped on an error path). Never throws, never rejects.
 */
export function closeQuietly(closable: { close(): Promise<unknown> | unknown }): Promise<void> {
  try {
    return Promise.resolve(closable.close()).then(
      () => undefined,
      () => undefined,
    );
  } catch {
    return Promise.resolve();
  }
}
