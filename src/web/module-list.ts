import { disruptionModule } from './modules/disruption';
import { orderingModule } from './modules/ordering';
import { supplyModule } from './modules/supply';
import { workforceModule } from './modules/workforce';
import type { WebModule } from './ui/module';

/**
 * The screen modules the shell mounts, in the sidebar's order (a working day: the disruption
 * map, then people, supply and ordering). Each module exports its routes and nav entries from its
 * `index.ts`; the router (`routes.tsx`) and the sidebar (`shell/nav.tsx`) collect them here.
 */
export const webModules: readonly WebModule[] = [
  disruptionModule,
  workforceModule,
  supplyModule,
  orderingModule,
];
