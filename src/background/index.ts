/**
 * The background (Chrome: service worker; Firefox: event page). One feature per module; each
 * registers its listeners here, synchronously, so events that wake the worker find them.
 */
import { startRouter } from './router.js';
import { startToolbar } from './toolbar.js';
import { startReaderLaunch } from './reader-launch.js';
import { startMenus } from './menus.js';
import { startCommands } from './commands.js';
import { startTestHooks } from './test-hooks.js';
import { startSave } from './save.js';
import { startMainFrameTracking } from './main-frame.js';
import { startNavigationErrors } from './navigation-errors.js';
import { startHttpStatus } from './http-status.js';
import { startCopies } from './copies.js';

startToolbar();
startReaderLaunch();
startMenus();
startCommands();
startSave();
startMainFrameTracking();
startNavigationErrors();
startHttpStatus();
startCopies();
if (__TEST__) startTestHooks();
startRouter();
