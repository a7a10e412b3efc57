/** The keyboard shortcuts, in a modal <dialog> (focus is trapped and Esc closes it natively). */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../shared/i18n.js';
import { SHORTCUT_HELP } from './shortcuts.js';

export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog ref={dialog} class="help-dialog" aria-labelledby="sz-help-title" onClose={onClose} onClick={(event) => { if (event.target === dialog.current) onClose(); }}>
      <div class="help-inner">
        <h2 id="sz-help-title">{t('readerShortcuts')}</h2>
        <dl class="shortcut-list">
          {SHORTCUT_HELP.map((item) => (
            <div class="shortcut" key={item.action}>
              <dt dir="ltr">{item.keys.map((key) => <kbd key={key}>{key}</kbd>)}</dt>
              <dd>{t(item.label)}</dd>
            </div>
          ))}
          <div class="shortcut">
            <dt dir="ltr"><kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>R</kbd></dt>
            <dd>{t('shortcutToggle')}</dd>
          </div>
        </dl>
        <form method="dialog">
          <button type="submit" autofocus>{t('close')}</button>
        </form>
      </div>
    </dialog>
  );
}
