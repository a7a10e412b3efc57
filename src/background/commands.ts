/** Keyboard shortcuts declared under "commands" in the manifest. */
import browser from 'webextension-polyfill';
import { openReaderForTab } from './reader-launch.js';

export async function onCommand(name: string, tabId: number | undefined): Promise<void> {
  if (name === 'open-reader' && tabId !== undefined) await openReaderForTab(tabId);
}

export function startCommands(): void {
  browser.commands.onCommand.addListener((name, tab) => void onCommand(name, tab?.id));
}
