/**
 * Colours of the coverage classes: from the Okabe–Ito palette, told apart by colour-blind readers,
 * each with a contrast of at least 3:1 against the white page (RGAA 3.2 for graphical objects),
 * except the neutral "none" class, which carries an outline instead.
 */
export const STATUS_COLORS = {
  cls: '#0072b2',
  charte: '#c17a00',
  expired: '#b0529a',
  none: '#ececec',
} as const;

export type MapStatus = keyof typeof STATUS_COLORS;

/** The map status of each `Coverage.state` byte (CommuneState: none, charte, cls, expired). */
export const STATE_STATUS: readonly MapStatus[] = ['none', 'charte', 'cls', 'expired'];

export const STATUS_LABELS: Record<MapStatus, string> = {
  cls: 'Couvert par un CLS',
  charte: 'Charte d’engagement seule',
  expired: 'Document expiré, sans relais',
  none: 'Aucun document',
};

/** Colours of the EPCI view, by communes covered (see coverageClass in @cls/core): never a majority rule. */
export const CLASS_COLORS = {
  full: STATUS_COLORS.cls,
  partial: '#009e73',
  none: STATUS_COLORS.none,
} as const;

export type EpciClass = keyof typeof CLASS_COLORS;

export const CLASS_LABELS: Record<EpciClass, string> = {
  full: 'Entièrement couvert',
  partial: 'En partie couvert',
  none: 'Aucune commune couverte',
};

/**
 * Colours of the change view between two dates (see coverageChange in @cls/core): what changed
 * stands out (newly covered in the CLS blue, no longer covered in Okabe–Ito vermillion), what did
 * not recedes (covered at both dates in a pale blue, never in the neutral grey).
 */
export const CHANGE_COLORS = {
  gained: STATUS_COLORS.cls,
  lost: '#d55e00',
  kept: '#a6c8e0',
  never: STATUS_COLORS.none,
} as const;

export type ChangeColorClass = keyof typeof CHANGE_COLORS;

export const CHANGE_LABELS: Record<ChangeColorClass, string> = {
  gained: 'Nouvellement couvert',
  lost: 'Plus couvert',
  kept: 'Couvert aux deux dates',
  never: 'Couvert à aucune des deux dates',
};

export { contrast } from '@cls/core';
