import { frenchDate, readTypedDate, type IsoDate } from '@cls/core';
import { h } from '../dom.ts';

/** A date field and the line under it that says why a typed date was refused. */
export interface TypedDateField {
  input: HTMLInputElement;
  error: HTMLElement;
  /** Shows a date (jj/mm/aaaa) or nothing, and clears a refusal. */
  show(date: IsoDate | null): void;
}

/**
 * A text field read as a French user types a date (jj/mm/aaaa, with or without separators, or aaaa-mm-jj;
 * core's readTypedDate), on change or Enter. A browser's date field reads typed digits by its own locale
 * and may land on another day silently. A refused date is said under the field and the field marked invalid.
 * @example typedDateField({ id: 'date-saisie', label: 'Date exacte (jj/mm/aaaa)', value: '2019-06-30', onDate })
 */
export function typedDateField(options: {
  id: string;
  /** Its accessible name, when no `<label for>` names it. */
  label?: string;
  value: IsoDate | null;
  onDate: (date: IsoDate) => void;
}): TypedDateField {
  const errorId = `${options.id}-erreur`;
  const input = h('input', {
    type: 'text',
    id: options.id,
    value: options.value ? frenchDate(options.value) : '',
    inputmode: 'numeric',
    autocomplete: 'off',
    placeholder: 'jj/mm/aaaa',
    'aria-describedby': errorId,
    ...(options.label ? { 'aria-label': options.label } : {}),
  });
  const error = h('p', { id: errorId, class: 'erreur-saisie', role: 'alert' });
  const show = (date: IsoDate | null) => {
    input.value = date ? frenchDate(date) : '';
    error.textContent = '';
    input.removeAttribute('aria-invalid');
  };
  const read = () => {
    const r = readTypedDate(input.value);
    if ('error' in r) {
      error.textContent = `Date refusée : ${r.error}.`;
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    show(r.date);
    options.onDate(r.date);
  };
  input.addEventListener('change', read);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') read();
  });
  return { input, error, show };
}
