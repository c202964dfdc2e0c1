// How long the server waits before it starts a new lint worker after one crashed: at once for a one-off crash, then
// doubling with each crash in a row (no lint completed in between), capped, so that a document that kills every
// worker costs a few restarts a minute rather than a busy loop.

const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 30_000;

/** Delay before the restart that follows the `consecutive`-th crash in a row (1 for the first). */
export function workerRestartDelayMs(consecutive: number): number {
  if (consecutive <= 1) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (consecutive - 2));
}

/** What the user is told (once per session) when the lint worker crashed. */
export function workerCrashMessage(crash: { exitCode: number; error?: string }): string {
  const cause = crash.error ?? `exit code ${crash.exitCode}`;
  return `API Warden: the lint worker stopped unexpectedly (${cause}) and was restarted; the documents are linted again. Details are in the API Warden output.`;
}
