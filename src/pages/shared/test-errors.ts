/**
 * Test build only: records errors of an extension page in `window.__samizdatErrors`, so the
 * end-to-end tests can assert "no console errors" in Firefox too, where pages the extension
 * opens itself cannot be watched from their first moment.
 */
export function recordErrorsForTests(): void {
  const errors: string[] = [];
  (window as unknown as { __samizdatErrors: string[] }).__samizdatErrors = errors;
  window.addEventListener('error', (event) => errors.push(`error: ${event.message}`));
  window.addEventListener('unhandledrejection', (event) => errors.push(`unhandled rejection: ${String(event.reason)}`));
  document.addEventListener('securitypolicyviolation', (event) => errors.push(`CSP: ${event.violatedDirective} ${event.blockedURI}`));
  const consoleError = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    errors.push(`console.error: ${args.map(String).join(' ')}`);
    consoleError(...args);
  };
}
