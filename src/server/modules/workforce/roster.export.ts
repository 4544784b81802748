import ExcelJS from 'exceljs';
import type { RosterShift } from '../../../contracts/workforce';
import type { Language } from '../../platform/i18n';

const labels = {
  'zh-CN': {
    sheet: '值班表',
    title: '值班表',
    columns: [
      '日期',
      '班次',
      '开始',
      '结束',
      '单位',
      '最少人数',
      '所需技能',
      '值班人员',
      '电话',
      '状态',
    ],
    gap: '缺岗',
    ok: '满足',
    unavailable: '（不可到岗）',
  },
  en: {
    sheet: 'Duty roster',
    title: 'Duty roster',
    columns: [
      'Date',
      'Shift',
      'Start',
      'End',
      'Unit',
      'Min. head-count',
      'Required skills',
      'On duty',
      'Phone',
      'Status',
    ],
    gap: 'GAP',
    ok: 'covered',
    unavailable: ' (unavailable)',
  },
} as const;

function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);
}

/** The printable roster as an xlsx workbook: one row per rostered person, gaps marked red. */
export async function rosterWorkbook(
  unitName: string,
  from: string,
  shifts: readonly RosterShift[],
  language: Language,
): Promise<Buffer> {
  const t = labels[language];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t.sheet, {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.addRow([`${unitName} ${t.title} ${from}`]).font = { bold: true, size: 14 };
  const header = sheet.addRow([...t.columns]);
  header.font = { bold: true };
  for (const shift of shifts) {
    const people = shift.assignees.length > 0 ? shift.assignees : [null];
    for (const person of people) {
      const row = sheet.addRow([
        shift.date,
        shift.label,
        shanghaiTime(shift.startsAt),
        shanghaiTime(shift.endsAt),
        shift.unitName,
        shift.minHeadcount,
        shift.requiredSkills.join(', '),
        person ? `${person.name}${person.available ? '' : t.unavailable}` : '',
        person?.phone ?? '',
        shift.gap ? t.gap : t.ok,
      ]);
      if (shift.gap) row.getCell(10).font = { color: { argb: 'FFCC0000' }, bold: true };
    }
  }
  sheet.columns.forEach((column, i) => {
    column.width = [12, 10, 8, 8, 18, 10, 20, 18, 14, 8][i] ?? 12;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
