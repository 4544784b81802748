import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { CurrentUser } from '../../contracts/auth';
import type { MessageKey } from './i18n/i18n';

/** A sidebar entry. */
export interface NavEntry {
  /** The route path, also the menu key. */
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** A module later issues will fill: shown with a "coming" tag and a friendly empty page. */
  coming?: boolean;
  visible: (user: CurrentUser) => boolean;
}

/**
 * What a screen module offers the shell: its routes (under the authenticated, guarded layout,
 * paths relative to `/`) and its sidebar entries. Modules export one from their `index.ts`; the
 * shell collects them from `src/web/modules.ts` and no module imports the shell.
 */
export interface WebModule {
  routes: RouteObject[];
  nav: NavEntry[];
}
