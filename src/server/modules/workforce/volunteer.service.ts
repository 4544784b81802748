import fs from 'node:fs';
import path from 'node:path';
import type { VolunteerType } from '../../../contracts/workforce';
import { recordAudit } from '../../platform/audit';
import { hasPermission } from '../../platform/auth/roles';
import { scopePathPrefix } from '../../platform/auth/scope';
import type { ServiceContext } from '../../platform/context';
import { AppError, outOfScope, ruleRefused } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { Language } from '../../platform/i18n';
import { addDays, shanghaiDate } from './calendar.rules';
import * as registry from './registry.repository';
import * as repo from './volunteer.repository';
import { unitDirectory, unitInScope, wdb, type WorkforceDeps } from './workforce.context';

const staffEntity = { zh: '员工', en: 'staff member' };
const entryEntity = { zh: '志愿服务记录', en: 'volunteer entry' };
const maxPhotoBytes = 600 * 1024;

function toEntry(row: repo.VolunteerRow, name: string) {
  return {
    id: row.id,
    staffId: row.staff_id,
    staffName: name,
    unitCode: row.unit_code,
    community: row.community,
    date: row.service_date,
    hours: row.minutes / 60,
    type: row.service_type,
    note: row.note,
    hasPhoto: row.photo_path !== null,
  };
}

/** Decodes a JPEG or PNG data URL, checking the bytes are what the header claims. */
function decodePhoto(dataUrl: string): { bytes: Buffer; ext: 'jpg' | 'png' } {
  const match = /^data:image\/(jpeg|png);base64,(.+)$/.exec(dataUrl);
  const bytes = match ? Buffer.from(match[2]!, 'base64') : Buffer.alloc(0);
  const isJpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const isPng =
    bytes.length > 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!match || (match[1] === 'jpeg' ? !isJpeg : !isPng)) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ path: 'body.photo', message: 'not a JPEG or PNG image' }],
    });
  }
  if (bytes.length > maxPhotoBytes) throw new AppError('PAYLOAD_TOO_LARGE');
  return { bytes, ext: match[1] === 'jpeg' ? 'jpg' : 'png' };
}

/** Logs volunteer service of the caller (or, for a manager, of someone in their scope). */
export async function logVolunteerService(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  input: {
    staffId?: string | undefined;
    community: string;
    date: string;
    hours: number;
    type: VolunteerType;
    note?: string | undefined;
    photo?: string | undefined;
  },
) {
  const staffId = input.staffId ?? ctx.actor.staffId;
  if (!staffId) {
    throw ruleRefused({
      zh: '您的账号未关联员工',
      en: 'your account is not linked to a staff member',
    });
  }
  const onBehalf = staffId !== ctx.actor.staffId;
  if (
    onBehalf &&
    !hasPermission(ctx.actor.role, 'health.file_for_others') &&
    !hasPermission(ctx.actor.role, 'roster.manage')
  ) {
    throw new AppError('FORBIDDEN');
  }
  const member = await registry.findMember(wdb(ctx), staffId);
  if (!member || (onBehalf && !member.unit_path.startsWith(scopePathPrefix(ctx.actor.scope)))) {
    throw outOfScope(staffEntity);
  }
  const now = deps.now();
  if (input.date > shanghaiDate(now)) {
    throw ruleRefused({ zh: '服务日期不能是未来', en: 'the service day is in the future' });
  }
  const photo = input.photo ? decodePhoto(input.photo) : null;
  const id = newId('vol', now.getTime());
  const relative = photo ? path.join('volunteer', `${id}.${photo.ext}`) : null;
  const row: repo.VolunteerRow = {
    id,
    company_id: member.company_id,
    staff_id: member.staff_id,
    unit_code: member.unit_code,
    unit_path: member.unit_path,
    community: input.community,
    service_date: input.date,
    minutes: Math.round(input.hours * 60),
    service_type: input.type,
    note: input.note ?? null,
    photo_path: relative,
    created_by: ctx.actor.userId,
    created_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertVolunteerLogs(wdb({ db: trx }), [row]);
    await recordAudit(
      trx,
      { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip },
      {
        action: 'volunteer.log',
        entityType: 'volunteer_log',
        entityId: id,
        companyId: member.company_id,
        after: {
          staffId,
          community: input.community,
          date: input.date,
          hours: input.hours,
          type: input.type,
        },
      },
    );
    // Written inside the transaction: a failed write rolls the entry back with it.
    if (photo && relative) {
      const file = path.join(deps.uploadDir, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, photo.bytes);
    }
  });
  return toEntry(row, member.name);
}

function periodOf(deps: WorkforceDeps, from?: string, to?: string) {
  const end = to ?? shanghaiDate(deps.now());
  return { from: from ?? addDays(end, -29), to: end };
}

export async function listVolunteerService(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  query: { unit: string; from?: string | undefined; to?: string | undefined },
) {
  const unit = await unitInScope(ctx, deps.units, query.unit);
  const { from, to } = periodOf(deps, query.from, query.to);
  const db = wdb(ctx);
  const rows = await repo.findVolunteerLogs(db, unit.path, from, to);
  const names = new Map(
    (await registry.findMembersByIds(db, [...new Set(rows.map((r) => r.staff_id))])).map((m) => [
      m.staff_id,
      m.name,
    ]),
  );
  return { items: rows.map((r) => toEntry(r, names.get(r.staff_id) ?? r.staff_id)) };
}

/** Hours by unit and by type, and the leaderboard of the period. */
export async function volunteerSummary(
  ctx: ServiceContext,
  deps: WorkforceDeps,
  query: { unit: string; from?: string | undefined; to?: string | undefined },
  language: Language,
) {
  const unit = await unitInScope(ctx, deps.units, query.unit, language);
  const { from, to } = periodOf(deps, query.from, query.to);
  const db = wdb(ctx);
  const [byUnit, byType, top, directory] = await Promise.all([
    repo.sumByUnit(db, unit.path, from, to),
    repo.sumByType(db, unit.path, from, to),
    repo.sumByStaff(db, unit.path, from, to, 20),
    unitDirectory(ctx, language),
  ]);
  const names = new Map(
    (
      await registry.findMembersByIds(
        db,
        top.map((t) => t.staff_id),
      )
    ).map((m) => [m.staff_id, m.name]),
  );
  const hours = (minutes: number) => Math.round((Number(minutes) / 60) * 10) / 10;
  const totalMinutes = byType.reduce((sum, t) => sum + Number(t.minutes), 0);
  return {
    from,
    to,
    totalHours: hours(totalMinutes),
    byUnit: byUnit
      .map((u) => ({
        code: u.unit_code,
        name: directory.get(u.unit_code)?.name ?? u.unit_code,
        hours: hours(u.minutes),
        entries: Number(u.n),
      }))
      .sort((a, b) => b.hours - a.hours || a.code.localeCompare(b.code)),
    byType: byType
      .map((t) => ({ type: t.service_type, hours: hours(t.minutes), entries: Number(t.n) }))
      .sort((a, b) => b.hours - a.hours),
    leaderboard: top.map((t) => ({
      staffId: t.staff_id,
      name: names.get(t.staff_id) ?? t.staff_id,
      unitCode: t.unit_code,
      hours: hours(t.minutes),
      entries: Number(t.n),
    })),
  };
}

/** The photo of an entry in the caller's scope. */
export async function volunteerPhoto(ctx: ServiceContext, deps: WorkforceDeps, id: string) {
  const row = await repo.findVolunteerLog(wdb(ctx), id);
  if (!row || !row.photo_path || !row.unit_path.startsWith(scopePathPrefix(ctx.actor.scope))) {
    throw outOfScope(entryEntity);
  }
  const file = path.join(deps.uploadDir, row.photo_path);
  if (!fs.existsSync(file)) throw outOfScope(entryEntity);
  return { bytes: fs.readFileSync(file), type: file.endsWith('.png') ? 'image/png' : 'image/jpeg' };
}
