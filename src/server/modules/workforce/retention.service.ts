import type { Kysely } from 'kysely';
import { recordAudit, rewriteAuditPayloads } from '../../platform/audit';
import type { Actor } from '../../platform/auth/scope';
import { addDays, shanghaiDate } from './calendar.rules';
import * as repo from './health.repository';
import { healthAuditActions, healthDerivedKeys, withoutHealthFacts } from './retention.rules';
import { loadSettings, wdb } from './workforce.context';
import { provinceCode } from '../../../engines/geo';

/** Who started a purge, for its audit entry: a user (API, CLI `--by`) or the nightly schedule. */
export interface PurgeRunner {
  actor: Pick<Actor, 'userId' | 'role' | 'companyId'> | null;
  via: 'schedule' | 'api' | 'cli';
  /** The operating-system account that ran the CLI, beside the named user. */
  osUser?: string;
  requestId?: string;
  ip?: string;
}

/**
 * Purges health reports older than the retention setting (docs/architecture.md#domain-rules:
 * personal information is kept no longer than needed), first folding them into anonymous daily
 * counts per unit, day and mode (with suspected and infected counts for the 双零 board), and
 * strips the health facts (work modes, reasons, report fields) from audit entries of the same age
 * — the entries themselves stay. One transaction: a report is never deleted without being counted.
 * `now` is a parameter so that a test can stand past the retention.
 */
export async function purgeHealthReports(db: Kysely<any>, now: Date, runner: PurgeRunner) {
  const settings = await loadSettings({ db });
  const before = addDays(shanghaiDate(now), -settings.retentionDays);
  // Start of that Shanghai day: audit entries are instants, reports are days.
  const beforeInstant = new Date(`${before}T00:00:00+08:00`).toISOString();
  return db.transaction().execute(async (trx) => {
    const tdb = wdb({ db: trx });
    const groups = await repo.aggregateBefore(tdb, before);
    await repo.upsertDailyCounts(
      tdb,
      groups.map((g) => ({
        report_date: g.report_date,
        unit_code: g.unit_code,
        company_id: g.company_id,
        unit_path: g.unit_path,
        work_mode: g.work_mode,
        reports: Number(g.reports),
        suspected: Number(g.suspected),
        infected: Number(g.infected),
      })),
    );
    const purged = await repo.deleteReportsBefore(tdb, before);
    const rolledUpDays = new Set(groups.map((g) => g.report_date)).size;
    const auditStripped = await rewriteAuditPayloads(
      trx,
      { actions: healthAuditActions, before: beforeInstant, keys: healthDerivedKeys },
      (_action, payload) => withoutHealthFacts(payload),
    );
    await recordAudit(
      trx,
      { actor: runner.actor, requestId: runner.requestId, ip: runner.ip },
      {
        action: 'health.purge',
        entityType: 'health_report',
        entityId: null,
        companyId: provinceCode,
        after: {
          before,
          purged,
          rolledUpDays,
          auditStripped,
          via: runner.via,
          ...(runner.osUser ? { osUser: runner.osUser } : {}),
        },
      },
    );
    return { before, purged, rolledUpDays, auditStripped };
  });
}
