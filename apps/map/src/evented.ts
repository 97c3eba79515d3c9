/**
 * A small typed event emitter (MapLibre's `Evented` is the model): the page's pieces talk through
 * events instead of callback slots in a shared context.
 * @example const e = new Evented<{ pick: string }>(); e.on('pick', (code) => add(code)); e.fire('pick', '62498');
 */
export class Evented<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(data: never) => void>>();

  on<K extends keyof Events>(type: K, listener: (data: Events[K]) => void): this {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener as (data: never) => void);
    return this;
  }

  off<K extends keyof Events>(type: K, listener: (data: Events[K]) => void): this {
    this.listeners.get(type)?.delete(listener as (data: never) => void);
    return this;
  }

  /** Whether anything listens to `type`. */
  listens(type: keyof Events): boolean {
    return (this.listeners.get(type)?.size ?? 0) > 0;
  }

  fire<K extends keyof Events>(type: K, data: Events[K]): this {
    for (const l of [...(this.listeners.get(type) ?? [])]) (l as (data: Events[K]) => void)(data);
    return this;
  }
}
