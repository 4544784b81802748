import type { Kysely } from 'kysely';
import type { SchemeBody } from '../../../contracts/disruption';
import { BUILT_IN_SCHEMES, type Scheme } from '../../../engines/disruption';
import { recordAudit } from '../../platform/audit';
import type { ServiceContext } from '../../platform/context';
import { tablesOf } from '../../platform/db/database';
import { AppError, outOfScope } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { validationError } from './disruption.access';
import { toScheme } from './disruption.mapper';
import * as repo from './disruption.repository';
import { schemeProblems } from './disruption.rules';
import type { DisruptionSchemesTable, DisruptionTables } from './disruption.tables';
import type { DisruptionState } from './disruption.state';
import { provinceCode } from '../../../engines/geo';

function rowOf(scheme: Scheme, builtIn: boolean, by: string | null): DisruptionSchemesTable {
  return {
    id: scheme.id,
    company_id: provinceCode,
    label_zh: scheme.label.zh,
    label_en: scheme.label.en,
    statuses_json: JSON.stringify(scheme.statuses),
    built_in: builtIn ? 1 : 0,
    updated_at: new Date().toISOString(),
    updated_by: by,
  };
}

/** Inserts the built-in schemes (the engine's rule data) that the database does not have yet. */
export async function seedBuiltInSchemes(db: Kysely<any>): Promise<void> {
  const t = tablesOf<DisruptionTables>(db);
  const have = new Set((await repo.findSchemes(t)).map((s) => s.id));
  const missing = BUILT_IN_SCHEMES.filter((s) => !have.has(s.id));
  if (missing.length === 0) return;
  await t
    .insertInto('disruption_schemes')
    .values(missing.map((s) => rowOf(s, true, null)))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Every scheme with its statuses and effects (built-ins seeded on first use). */
export async function loadSchemes(db: Kysely<any>) {
  let rows = await repo.findSchemes(tablesOf<DisruptionTables>(db));
  if (rows.length === 0) {
    await seedBuiltInSchemes(db);
    rows = await repo.findSchemes(tablesOf<DisruptionTables>(db));
  }
  return rows;
}

function toDto(row: DisruptionSchemesTable) {
  return { ...toScheme(row), builtIn: row.built_in === 1, updatedAt: row.updated_at };
}

export async function listSchemes(ctx: ServiceContext) {
  return { items: (await loadSchemes(ctx.db)).map(toDto) };
}

/** An administrator adds a scheme; audited. */
export async function addScheme(ctx: ServiceContext, body: SchemeBody, language: Language) {
  const problems = schemeProblems(body);
  if (problems.length > 0) throw validationError(problems, language);
  await loadSchemes(ctx.db);
  return ctx.db.transaction().execute(async (trx) => {
    const t = tablesOf<DisruptionTables>(trx);
    if (await repo.findScheme(t, body.id)) {
      throw new AppError('CONFLICT', {
        params: { reason: { zh: `方案 ${body.id} 已存在`, en: `scheme ${body.id} exists` } },
      });
    }
    const row = rowOf(body, false, ctx.actor.userId);
    await repo.insertScheme(t, row);
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'disruption.scheme.add',
        entityType: 'disruption_scheme',
        entityId: body.id,
        after: body,
      },
    );
    return { scheme: toDto(row) };
  });
}

/**
 * An administrator edits a scheme's labels, statuses and effects; audited with before/after.
 * Areas already published keep the severity and effects they were published with.
 */
export async function editScheme(
  ctx: ServiceContext,
  state: DisruptionState,
  id: string,
  body: SchemeBody,
  language: Language,
) {
  if (body.id !== id) {
    throw validationError(
      [
        {
          path: 'body.id',
          code: 'ID_MISMATCH',
          message: { zh: '方案编号不可修改', en: 'the scheme id cannot change' },
        },
      ],
      language,
    );
  }
  const problems = schemeProblems(body);
  if (problems.length > 0) throw validationError(problems, language);
  await loadSchemes(ctx.db);
  const result = await ctx.db.transaction().execute(async (trx) => {
    const t = tablesOf<DisruptionTables>(trx);
    const before = await repo.findScheme(t, id);
    if (!before) throw outOfScope({ zh: '管控方案', en: 'scheme' });
    const row = rowOf(body, before.built_in === 1, ctx.actor.userId);
    await repo.updateScheme(t, id, row);
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'disruption.scheme.edit',
        entityType: 'disruption_scheme',
        entityId: id,
        before: toScheme(before),
        after: body,
      },
    );
    return { scheme: toDto(row) };
  });
  state.invalidateAreas();
  return result;
}
