/**
 * Which language tag the UI is shown in, from the catalogue's own tag (`uiLocale` message) and
 * the browser's report. Pure, so pages that must stay small (library first paint) can use it
 * without the extension API wrapper.
 */
export function pickUiLanguage(catalogue: string, reported: string): string {
  const own = catalogue || 'en';
  // The browser's tag is more precise (en-GB, es-419) when it is the same language.
  return reported && reported.split(/[-_]/)[0]?.toLowerCase() === own.split('-')[0]?.toLowerCase() ? reported : own;
}
