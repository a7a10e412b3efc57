/**
 * The always-on content script's stand-in for the core's block-page matcher (build.mjs resolves
 * detect-article's `./blockpage/index.js` to this file for content.js only). The matcher and its
 * signatures are several times the script's whole size budget, and detectArticle only asks it
 * about pages that look like articles without article metadata. So here it answers "not blocked"
 * and remembers that it was asked; the script then leaves the verdict to detect-full.js, which the
 * background injects on demand and which runs the real matcher.
 */
let asked = false;

export function detectBlockPage(): { blocked: boolean } {
  asked = true;
  return { blocked: false };
}

/** Whether the last detectArticle run asked for a block-page verdict (and forget it). */
export function takeBlockCheckAsked(): boolean {
  const was = asked;
  asked = false;
  return was;
}
