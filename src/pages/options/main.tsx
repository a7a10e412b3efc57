/** options.html */
import { t } from '../shared/i18n.js';
import { mount } from '../shared/mount.js';

function Options() {
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
    </main>
  );
}

mount(<Options />);
