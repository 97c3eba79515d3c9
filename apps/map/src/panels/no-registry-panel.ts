import type { AppContext, Panel } from '../context.ts';
import { h } from '../dom.ts';

/**
 * Stands in a block of figures while the region shown has no registry (every region but 32 is
 * deployed without one): says so plainly and where to load one, so that nothing reads as
 * « 0 % couvert ». `what` names what the block would show.
 */
export class NoRegistryPanel implements Panel {
  private el = h('div');

  constructor(private readonly what: string | null = null) {}

  onAdd(ctx: AppContext): HTMLElement {
    const link = h('a', {}, 'charger un registre');
    link.setAttribute('href', '#bloc-registre');
    this.el.replaceChildren(
      this.what
        ? h(
            'p',
            { class: 'note sans-registre' },
            `${this.what} : aucun registre chargé pour la région ${ctx.region.name}.`,
          )
        : h(
            'div',
            { class: 'sans-registre', id: 'sans-registre', role: 'status' },
            h('h2', {}, `Aucun registre des CLS ${ctx.region.in}`),
            h(
              'p',
              {},
              'Ce déploiement ne livre pas de registre pour cette région : aucun chiffre de couverture n’est ' +
                'affiché, et la carte montre les communes sans couleur de couverture. Pour les calculer, ',
              link,
              ' (CSV ou .xlsx, un modèle est proposé) ; il est lu dans ce navigateur, rien n’est envoyé.',
            ),
            h(
              'p',
              {},
              'Aucun territoire prioritaire (PRAPS, QPV) n’est connu pour cette région : l’objectif de couverture ' +
                'ne peut pas être mesuré tant que leur liste n’est pas chargée.',
            ),
          ),
    );
    return this.el;
  }

  onRemove(): void {
    this.el.remove();
  }
}
