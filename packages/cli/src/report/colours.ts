import type { RollbackAction } from '@rollgate/core/rules';

/** Fill of each decision on the timeline and its badge; readable on white, and apart for common colour blindness. */
export const ACTION_COLOURS: Readonly<Record<RollbackAction, string>> = {
  promote: '#1a7f37',
  continue: '#4c9a6a',
  hold: '#bf8700',
  inconclusive: '#8c6d1f',
  rollback: '#cf222e',
  block: '#8250df',
};
