import type { BlockPageInput, BlockPageVerdict } from '../types.js';

/** Placeholder until block-page detection lands. */
export function detectBlockPage(_doc: Document, _response: BlockPageInput = {}): BlockPageVerdict {
  return { blocked: false };
}
