/**
 * One runtime.onMessage listener for the background; each feature module registers the
 * handlers for its own message types with `handle`. The listener must be added while the
 * service worker first runs its script, so index.ts imports every feature synchronously.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { isEnvelope, type MessageType, type Request, type Response } from '../shared/messages.js';

type Handler<K extends MessageType> = (payload: Request<K>, sender: Runtime.MessageSender) => Response<K> | Promise<Response<K>>;

const handlers = new Map<MessageType, Handler<MessageType>>();

export function handle<K extends MessageType>(type: K, handler: Handler<K>): void {
  if (handlers.has(type)) throw new Error(`Two handlers for message ${type}`);
  handlers.set(type, handler as unknown as Handler<MessageType>);
}

/** Runs a registered handler directly (the test hooks use it to call exactly the same code). */
export function dispatch<K extends MessageType>(type: K, payload: Request<K>, sender: Runtime.MessageSender): Promise<Response<K>> {
  const handler = handlers.get(type) as Handler<K> | undefined;
  if (!handler) return Promise.reject(new Error(`No handler for message ${type}`));
  return Promise.resolve(handler(payload, sender));
}

export function startRouter(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isEnvelope(message) || !handlers.has(message.type)) return undefined;
    return dispatch(message.type, message.payload, sender);
  });
}
