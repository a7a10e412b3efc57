/**
 * The page check, injected on demand (one injection) into a page the background found
 * suspicious whose status leaves the verdict to the page itself (2xx, 403): it measures the page
 * with the block-page and article detectors and reports (page-check-run.ts). (Asking by message
 * instead of injecting the probe, a call, the notice and a second call saves three script
 * injections per page, each a round trip that a loaded machine makes slow.)
 */
import { probePage } from './page-probe.js';
import { runPageCheck } from './page-check-run.js';

runPageCheck(probePage);
