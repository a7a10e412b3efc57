/** library.html's full page; first-paint.ts has drawn the newest rows already (and loads this). */
import { mount } from '../shared/mount.js';
import { Library } from './Library.js';
import './library.css';

// The first-paint rows are replaced in the same task, so no frame shows an empty page.
document.getElementById('app')?.replaceChildren();
mount(<Library />);
