import type { Kysely } from 'kysely';
import { countyShapesJson } from './org.service';

/**
 * What the org module keeps in memory for one app (docs/architecture.md#where-state-lives): the
 * county shapes serialised once for the overview map (they never change while the server runs).
 * Built in `buildApp`, passed to the org routes, released on close.
 */
export class OrgState {
  private shapes: Promise<string> | null = null;

  constructor(readonly db: Kysely<any>) {}

  /** The county shapes as GeoJSON text, read on first use. */
  countyShapes(): Promise<string> {
    if (!this.shapes) {
      const shapes = countyShapesJson(this.db);
      this.shapes = shapes;
      shapes.catch(() => {
        if (this.shapes === shapes) this.shapes = null;
      });
    }
    return this.shapes;
  }

  close(): void {
    this.shapes = null;
  }
}

export function createOrgState(db: Kysely<any>): OrgState {
  return new OrgState(db);
}
