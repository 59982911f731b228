// The four dependency types, as the link editors offer them.
import type { LinkKind } from '../ipc';

export const LINK_KINDS: readonly [LinkKind, string][] = [
  ['fs', 'Finish-to-start (FS)'],
  ['ss', 'Start-to-start (SS)'],
  ['ff', 'Finish-to-finish (FF)'],
  ['sf', 'Start-to-finish (SF)'],
];
