/** A command line the user got wrong: the entry point prints the message (and its usage) and exits with status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
