import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit';
import { addDays, shanghaiDate } from './calendar.rules';
import * as repo from './health.repository';
import { loadSettings, wdb } from './workforce.context';

/**
 * Purges health reports older than the retention setting (docs/architecture.md#workforce: personal information is
 * kept no longer than needed), first folding them into anonymous daily counts per unit, day and
 * mode (with suspected and infected counts for the 双零 board). One transaction: a report is
 * never deleted without being counted.
 */
export async function purgeHealthReports(db: Kysely<any>, now: Date) {
  const settings = await loadSettings({ db });
  const before = addDays(shanghaiDate(now), -settings.retentionDays);
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
    await recordAudit(
      trx,
      { actor: null },
      {
        action: 'health.purge',
        entityType: 'health_report',
        entityId: null,
        companyId: '140000',
        after: { before, purged, rolledUpDays },
      },
    );
    return { before, purged, rolledUpDays };
  });
}
