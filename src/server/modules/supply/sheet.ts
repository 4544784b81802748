import { AppError } from '../../platform/errors';
import { readTable as readAnyTable } from '../../platform/spreadsheet';

export { headerIndex } from '../../platform/spreadsheet';

/** A supply import's sheet; a non-workbook is refused in the supply error shape. */
export function readTable(format: 'csv' | 'xlsx', content: string): Promise<string[][]> {
  return readAnyTable(format, content, {
    invalidWorkbook: () =>
      new AppError('VALIDATION_FAILED', {
        details: { errors: [{ path: ['content'], code: 'type', message: 'not an xlsx workbook' }] },
      }),
  });
}
