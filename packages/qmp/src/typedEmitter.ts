import { EventEmitter } from 'node:events';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;
type ListenerMap<T> = { [K in keyof T]: Listener };

/** EventEmitter with listener signatures checked against a map, like socket.io's typed events. */
export class TypedEmitter<Events extends ListenerMap<Events>> {
  readonly #ee = new EventEmitter();

  constructor() {
    // Many sessions may listen to one client (bridge, tests); warnings here would be noise.
    this.#ee.setMaxListeners(0);
  }

  on<K extends keyof Events & string>(event: K, listener: Events[K]): this {
    this.#ee.on(event, listener);
    return this;
  }

  off<K extends keyof Events & string>(event: K, listener: Events[K]): this {
    this.#ee.off(event, listener);
    return this;
  }

  once<K extends keyof Events & string>(event: K, listener: Events[K]): this {
    this.#ee.once(event, listener);
    return this;
  }

  listenerCount<K extends keyof Events & string>(event: K): number {
    return this.#ee.listenerCount(event);
  }

  protected emit<K extends keyof Events & string>(event: K, ...args: Parameters<Events[K]>): boolean {
    return this.#ee.emit(event, ...args);
  }
}
