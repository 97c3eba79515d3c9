import type { Draft } from './registry-draft.ts';

const DB = 'cls-couverture';
const STORE = 'registre';
/** One draft per region (Hauts-de-France keeps the key it had before regions: its drafts stay found). */
const keyOf = (region: string) => (region === '32' ? 'brouillon' : `brouillon-${region}`);

/** A draft kept in this browser, with when it was kept. */
export interface KeptDraft {
  draft: Draft;
  keptAt: string;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = work(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

/** Keeps a region's draft in this browser's IndexedDB (never sent anywhere). */
export function keepDraft(region: string, draft: Draft): Promise<unknown> {
  const kept: KeptDraft = { draft: { ...draft, dirty: false }, keptAt: new Date().toISOString() };
  return run('readwrite', (s) => s.put(kept, keyOf(region)));
}

/** The draft kept in this browser for a region, or null. */
export async function keptDraft(region: string): Promise<KeptDraft | null> {
  return ((await run('readonly', (s) => s.get(keyOf(region)))) as KeptDraft | undefined) ?? null;
}

/** Removes what this page keeps in the browser for a region. */
export function clearKept(region: string): Promise<unknown> {
  return run('readwrite', (s) => s.delete(keyOf(region)));
}
