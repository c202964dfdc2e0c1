// Cooperative cancellation: long lints check a signal between steps and inside every rule function.

export interface CancelSignal {
  readonly cancelled: boolean;
}

export const NEVER_CANCELLED: CancelSignal = Object.freeze({ cancelled: false });

export class LintCancelledError extends Error {
  constructor() {
    super('Lint cancelled: a newer version of the document is waiting.');
    this.name = 'LintCancelledError';
  }
}

export function throwIfCancelled(signal: CancelSignal): void {
  if (signal.cancelled) throw new LintCancelledError();
}
