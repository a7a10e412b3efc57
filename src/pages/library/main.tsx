/** library.html: the saved articles. */
import { mount } from '../shared/mount.js';
import { Library } from './Library.js';
import './library.css';

performance.mark('samizdat-library-start');
mount(<Library />);
