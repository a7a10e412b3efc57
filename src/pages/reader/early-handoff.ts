/**
 * The handed-over article can be taken once (take-handoff.ts removes it): the first-paint
 * script takes it and leaves the promise here for the full reader.
 */
import type { Handoff } from '../../shared/messages.js';

export const EARLY_HANDOFF = 'samizdatReaderHandoff';

/** The first-paint script's handoff request, or undefined when reader.js runs without it. */
export function takeEarlyHandoff(): Promise<Handoff | null> | undefined {
  const holder = globalThis as Record<string, unknown>;
  const early = holder[EARLY_HANDOFF] as Promise<Handoff | null> | undefined;
  delete holder[EARLY_HANDOFF];
  return early;
}
