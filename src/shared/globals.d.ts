/** Build-time constants defined by build.mjs. */
declare const __TEST__: boolean;
declare const __BROWSER__: 'chrome' | 'firefox';
