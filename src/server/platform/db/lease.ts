import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';

/** Who holds a lease, as its row says. */
export interface LeaseHolder {
  ownerId: string;
  host: string;
  pid: number;
  expiresAt: string;
}

export interface LeaseOptions {
  /** How long a taken or renewed lease lasts; it is renewed every third of that. */
  ttlMs: number;
}

interface LeaseRow {
  name: string;
  owner_id: string;
  host: string;
  pid: number;
  acquired_at: string;
  expires_at: string;
}

// ------------------------------------------------------------------------------ the lease rows
// Every statement is one conditional write, atomic on SQLite and PostgreSQL alike: two servers
// racing for a free or lapsed lease cannot both win it.

const leases = (db: Kysely<any>) => db as Kysely<{ leases: LeaseRow }>;

async function insertIfFree(db: Kysely<any>, row: LeaseRow): Promise<boolean> {
  const result = await leases(db)
    .insertInto('leases')
    .values(row)
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Renews our own lease. */
async function renew(db: Kysely<any>, row: LeaseRow): Promise<boolean> {
  const result = await leases(db)
    .updateTable('leases')
    .set({ expires_at: row.expires_at, host: row.host, pid: row.pid })
    .where('name', '=', row.name)
    .where('owner_id', '=', row.owner_id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Moves the lease to `row`'s owner when it lapsed before `lapsedBefore`, or when it is still held by
 * `owner` (a process known dead): one conditional update, so two contenders cannot both win.
 */
async function takeOver(
  db: Kysely<any>,
  row: LeaseRow,
  from: { lapsedBefore: string } | { owner: string },
): Promise<boolean> {
  const update = leases(db)
    .updateTable('leases')
    .set({
      owner_id: row.owner_id,
      host: row.host,
      pid: row.pid,
      acquired_at: row.acquired_at,
      expires_at: row.expires_at,
    })
    .where('name', '=', row.name);
  const result = await (
    'owner' in from
      ? update.where('owner_id', '=', from.owner)
      : update.where('expires_at', '<', from.lapsedBefore)
  ).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function findLease(db: Kysely<any>, name: string): Promise<LeaseRow | undefined> {
  return leases(db).selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();
}

async function deleteOwn(db: Kysely<any>, name: string, ownerId: string): Promise<void> {
  await leases(db)
    .deleteFrom('leases')
    .where('name', '=', name)
    .where('owner_id', '=', ownerId)
    .execute();
}

// ----------------------------------------------------------------------------------- the lease

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A named lease in the database that at most one live process holds (docs/architecture.md#where-state-lives):
 * taken when free or lapsed, renewed on a timer while the process lives, released on close, and
 * taken over when its holder stops renewing. A holder on this host whose process is gone (killed
 * with SIGKILL) is taken over at once rather than after its lease lapses.
 *
 * Time is the machine's real time, never the business clock (a demo's clock may be years away).
 * `holds()` is judged locally and conservatively: from the instant before the renewing write was
 * sent, so the lease is given up here before any other server can take it there (clocks between
 * hosts are assumed to agree to well within a third of `ttlMs`).
 */
export class DatabaseLease {
  readonly ownerId = `lease_${randomBytes(8).toString('hex')}`;
  private readonly host = os.hostname();
  private validUntil = 0;
  private lastHolder: LeaseHolder | null = null;
  private timer: NodeJS.Timeout | null = null;
  private attempt: Promise<boolean> | null = null;
  private closed = false;

  constructor(
    private readonly db: Kysely<any>,
    readonly name: string,
    private readonly options: LeaseOptions,
    /** Told when this process gains or loses the lease. */
    private readonly onChange: (held: boolean) => void = () => undefined,
  ) {}

  /** Whether this process holds the lease now. */
  holds(): boolean {
    return Date.now() < this.validUntil;
  }

  /** Who else holds the lease, as last seen (null when we do or nobody was seen). */
  holder(): LeaseHolder | null {
    return this.holds() ? null : this.lastHolder;
  }

  /** Tries to take or renew the lease once; true if this process holds it afterwards. */
  tryAcquire(): Promise<boolean> {
    // One attempt at a time: a renewal and a request's retry must not race each other.
    this.attempt ??= this.acquireOnce().finally(() => (this.attempt = null));
    return this.attempt;
  }

  /** Takes the lease if it can, then keeps renewing (or retrying) every third of the TTL. */
  async start(): Promise<boolean> {
    const held = await this.tryAcquire();
    const every = Math.max(50, Math.floor(this.options.ttlMs / 3));
    this.timer = setInterval(() => {
      // A failed renewal (database unreachable) lets the lease lapse here as it would there.
      void this.tryAcquire().catch(() => undefined);
    }, every);
    this.timer.unref();
    return held;
  }

  /** Stops renewing and gives the lease up, so another server can take it at once. */
  async release(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.attempt?.catch(() => undefined);
    const held = this.holds();
    this.validUntil = 0;
    if (held) this.onChange(false);
    await deleteOwn(this.db, this.name, this.ownerId);
  }

  private async acquireOnce(): Promise<boolean> {
    if (this.closed) return false;
    const before = this.holds();
    const sentAt = Date.now();
    const row: LeaseRow = {
      name: this.name,
      owner_id: this.ownerId,
      host: this.host,
      pid: process.pid,
      acquired_at: new Date(sentAt).toISOString(),
      expires_at: new Date(sentAt + this.options.ttlMs).toISOString(),
    };
    let held =
      (await renew(this.db, row)) ||
      (await insertIfFree(this.db, row)) ||
      (await takeOver(this.db, row, { lapsedBefore: row.acquired_at }));
    if (!held) {
      const current = await findLease(this.db, this.name);
      if (current && current.host === this.host && current.pid !== process.pid) {
        if (!processAlive(current.pid))
          held = await takeOver(this.db, row, { owner: current.owner_id });
      }
      if (!held) {
        const now = current ?? (await findLease(this.db, this.name));
        this.lastHolder = now
          ? {
              ownerId: now.owner_id,
              host: now.host,
              pid: Number(now.pid),
              expiresAt: now.expires_at,
            }
          : null;
      }
    }
    if (this.closed) return false;
    // Valid until a little before the row expires: whoever takes it over waits for the row.
    this.validUntil = held ? sentAt + this.options.ttlMs - Math.floor(this.options.ttlMs / 10) : 0;
    if (held) this.lastHolder = null;
    if (held !== before) this.onChange(held);
    return held;
  }
}
