/**
 * The reader's keyboard shortcuts. Letters are matched by physical key (event.code), so they
 * work the same with Cyrillic, Persian or any other keyboard layout.
 */

export type ShortcutAction = 'bigger' | 'smaller' | 'theme' | 'font' | 'save' | 'listen' | 'leave' | 'help' | 'close';

/** What the help overlay lists: the keys shown, and the i18n key of the description. */
export const SHORTCUT_HELP: { keys: string[]; action: ShortcutAction; label: string }[] = [
  { keys: ['+'], action: 'bigger', label: 'shortcutBigger' },
  { keys: ['−'], action: 'smaller', label: 'shortcutSmaller' },
  { keys: ['T'], action: 'theme', label: 'shortcutTheme' },
  { keys: ['F'], action: 'font', label: 'shortcutFont' },
  { keys: ['S'], action: 'save', label: 'shortcutSave' },
  { keys: ['L'], action: 'listen', label: 'shortcutListen' },
  { keys: ['B'], action: 'leave', label: 'shortcutLeave' },
  { keys: ['?'], action: 'help', label: 'shortcutHelp' },
  { keys: ['Esc'], action: 'close', label: 'shortcutClose' },
];

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  target: EventTarget | null;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  if (!el?.tagName) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && !['radio', 'checkbox', 'button', 'range'].includes(el.type ?? '');
}

/** The reader action for a key press, or null (then the browser handles the key). */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  if (event.key === 'Escape') return 'close';
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return null;
  if (event.key === '?' || event.key === '؟' || (event.code === 'Slash' && event.shiftKey)) return 'help';
  if (event.key === '+' || event.key === '=' || event.code === 'NumpadAdd') return 'bigger';
  if (event.key === '-' || event.key === '_' || event.code === 'NumpadSubtract' || (event.code === 'Minus' && !event.shiftKey)) return 'smaller';
  if (event.code === 'Equal') return 'bigger';
  if (event.shiftKey) return null;
  switch (event.code) {
    case 'KeyT': return 'theme';
    case 'KeyF': return 'font';
    case 'KeyS': return 'save';
    case 'KeyL': return 'listen';
    case 'KeyB': return 'leave';
    default: return null;
  }
}
