import ExcelJS from 'exceljs';
import type { Language } from '../../platform/i18n';
import type { CountyRow } from './cycle.service';

const labels = {
  'zh-CN': {
    orders: '订单',
    lines: '订单明细',
    orderColumns: [
      '许可证号',
      '零售户',
      '档位',
      '订货日',
      '订货状态',
      '订单状态',
      '渠道',
      '订购量(条)',
      '金额(元)',
      '更新时间',
    ],
    lineColumns: [
      '许可证号',
      '零售户',
      '品规代码',
      '品规',
      '订购量(条)',
      '确认量(条)',
      '单价(元)',
      '金额(元)',
    ],
    ordering: { allowed: '可订货', deferred: '延后', blocked: '管控停订' },
    status: { submitted: '已提交', confirmed: '已确认', cancelled: '已撤回', none: '未订货' },
    channel: { self: '自主订货', phone: '电话订货' },
  },
  en: {
    orders: 'Orders',
    lines: 'Order lines',
    orderColumns: [
      'Licence no.',
      'Retailer',
      'Grade',
      'Order date',
      'Ordering',
      'Order status',
      'Channel',
      'Quantity (cartons)',
      'Amount (yuan)',
      'Updated',
    ],
    lineColumns: [
      'Licence no.',
      'Retailer',
      'Spec code',
      'Brand-spec',
      'Quantity (cartons)',
      'Confirmed (cartons)',
      'Price (yuan)',
      'Amount (yuan)',
    ],
    ordering: { allowed: 'may order', deferred: 'deferred', blocked: 'blocked' },
    status: {
      submitted: 'submitted',
      confirmed: 'confirmed',
      cancelled: 'withdrawn',
      none: 'none',
    },
    channel: { self: 'self-service', phone: 'by phone' },
  },
} as const;

const yuan = (fen: number) => Math.round(fen) / 100;

/** A county's orders of a cycle as a workbook: one sheet of retailers, one of order lines. */
export async function cycleWorkbook(
  rows: readonly CountyRow[],
  productNames: ReadonlyMap<string, string>,
  language: Language,
): Promise<Buffer> {
  const t = labels[language];
  const workbook = new ExcelJS.Workbook();
  const orders = workbook.addWorksheet(t.orders);
  orders.addRow([...t.orderColumns]).font = { bold: true };
  for (const r of rows) {
    orders.addRow([
      r.licenceNo,
      r.name,
      `D${r.grade}`,
      r.orderDate,
      t.ordering[r.ordering],
      t.status[r.status ?? 'none'],
      r.channel ? t.channel[r.channel] : '',
      r.totalQuantity,
      yuan(r.totalFen),
      r.updatedAt ?? '',
    ]);
  }
  orders.columns.forEach((c, i) => (c.width = [22, 28, 8, 12, 12, 12, 12, 14, 14, 26][i] ?? 12));
  orders.views = [{ state: 'frozen', ySplit: 1 }];

  const lines = workbook.addWorksheet(t.lines);
  lines.addRow([...t.lineColumns]).font = { bold: true };
  for (const r of rows) {
    if (!r.order || r.order.status === 'cancelled') continue;
    for (const l of r.order.lines) {
      lines.addRow([
        r.licenceNo,
        r.name,
        l.productCode,
        productNames.get(l.productCode) ?? l.productCode,
        l.quantity,
        l.confirmedQuantity ?? '',
        yuan(l.priceFen),
        yuan(l.priceFen * l.quantity),
      ]);
    }
  }
  lines.columns.forEach((c, i) => (c.width = [22, 28, 16, 24, 14, 14, 12, 14][i] ?? 12));
  lines.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
