/** A mistake in the command line of a file command: printed with the usage, exit code 2. */
export class CommandUsageError extends Error {}
