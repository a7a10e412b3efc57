/** Mounts an extension page's root component once the locale is applied. */
import { render, type ComponentChild } from 'preact';
import { applyUiLocale } from './i18n.js';
import { recordErrorsForTests } from './test-errors.js';

if (__TEST__) recordErrorsForTests();

export function mount(app: ComponentChild): void {
  applyUiLocale();
  const root = document.getElementById('app');
  if (!root) throw new Error('The page has no #app element');
  render(app, root);
}
