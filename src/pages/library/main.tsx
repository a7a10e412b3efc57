/** library.html: the saved articles. */
import { t } from '../shared/i18n.js';
import { mount } from '../shared/mount.js';

function Library() {
  return (
    <main class="library">
      <h1>{t('libraryTitle')}</h1>
      <p>{t('libraryEmpty')}</p>
    </main>
  );
}

mount(<Library />);
