/** Typed message sending for extension pages (through the webextension-polyfill). */
import browser from 'webextension-polyfill';
import { envelope, type MessageType, type Request, type Response } from './messages.js';

export async function send<K extends MessageType>(type: K, payload: Request<K>): Promise<Response<K>> {
  return (await browser.runtime.sendMessage(envelope(type, payload))) as Response<K>;
}
