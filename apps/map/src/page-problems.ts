import { byId } from './dom.ts';
import type { maplibregl } from './map-view.ts';

/**
 * Runs a panel's work: a panel that throws says so in its own place, and the others go on (no panel
 * can take the page down).
 */
export function safely(id: string, work: () => void): void {
  try {
    work();
  } catch (e) {
    const message = String((e as Error)?.message ?? e);
    window.__cls.errors.push(`${id} : ${message}`);
    const box = document.getElementById(id);
    if (box && !box.querySelector(':scope > .erreur-panneau')) {
      const p = document.createElement('p');
      p.className = 'erreur-panneau erreur';
      p.setAttribute('role', 'alert');
      p.textContent = `Ce bloc n’a pas pu être affiché (${message}) ; les autres chiffres ne sont pas touchés.`;
      box.prepend(p);
    }
  }
}

/**
 * A map that could not draw everything says so over the map, with a way to try again: the figures
 * (computed apart from the tiles) stay, the map is marked incomplete, never left white as if empty.
 */
export function mapProblem(map: maplibregl.Map, detail: string): void {
  let box = document.getElementById('carte-incomplete');
  if (!box) {
    box = document.createElement('div');
    box.id = 'carte-incomplete';
    box.className = 'chargement erreur';
    box.setAttribute('role', 'alert');
    byId('zone-carte').append(box);
  }
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.textContent = 'Réessayer';
  retry.addEventListener('click', () => {
    box.hidden = true;
    // MapLibre keeps a failed tile as failed (a reload waits on its finished request): the tiles
    // are dropped (its tile managers' clearTiles, not in the public types) and requested anew.
    const managers = (map.style as unknown as { tileManagers?: Record<string, { clearTiles(): void }> }).tileManagers;
    for (const id of Object.keys(map.getStyle().sources)) managers?.[id]?.clearTiles();
    // A paint property set to its own value marks the sources to update on the next frame.
    map.setPaintProperty('fond', 'background-color', map.getPaintProperty('fond', 'background-color'));
  });
  box.replaceChildren(
    `Carte incomplète : ${detail}. Les chiffres ne dépendent pas des tuiles et restent justes. `,
    retry,
  );
  box.hidden = false;
}

/** What the map says of an error once its style is read: a tile set that failed, named by its source. */
export function mapError(map: maplibregl.Map, e: maplibregl.ErrorEvent): void {
  const source = (e as { sourceId?: string }).sourceId;
  window.__cls.errors.push(`carte : ${source ?? ''} ${e.error?.message ?? 'erreur inconnue'}`);
  const what = source === 'communes' ? 'des communes' : source === 'contours' ? 'des EPCI, départements et noms' : null;
  mapProblem(
    map,
    what
      ? `une partie des contours ${what} n’a pas pu être chargée`
      : 'une partie de la carte n’a pas pu être dessinée',
  );
}

/** The page could not start: the error is said where the map should be, with a way to try again. */
export function startFailed(e: unknown): void {
  const el = document.getElementById('etat-chargement');
  if (el) {
    // A blank map never looks normal: the error is said, with a way to try again.
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.textContent = 'Réessayer';
    retry.addEventListener('click', () => location.reload());
    el.replaceChildren(`Erreur de chargement : ${(e as Error).message}. `, retry);
    el.setAttribute('role', 'alert');
    el.classList.add('erreur');
    el.hidden = false;
  }
  window.__cls.errors.push(String((e as Error).message));
  console.error(e);
}
