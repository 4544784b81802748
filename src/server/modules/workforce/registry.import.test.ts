import { describe, expect, it } from 'vitest';
import { checkRows, parseCsv } from './registry.import';

describe('csv', () => {
  it('reads quoted fields with commas, quotes and line breaks, and drops a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n"multi\nline",z\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', 'z'],
    ]);
  });
});

describe('row checks', () => {
  const header = [
    'staff_id',
    'name',
    'unit_code',
    'position',
    'phone',
    'home_lon',
    'home_lat',
    'skills',
  ];

  it('accepts a good row and splits skills on Chinese and Latin separators', () => {
    const { rows } = checkRows([
      header,
      [
        'stf_x1',
        '张三',
        '140105',
        'clerk',
        '13800000000',
        '112.55',
        '37.80',
        'driver、warehouse;it',
      ],
    ]);
    expect(rows[0]).toMatchObject({ row: 2, errors: [], skills: ['driver', 'warehouse', 'it'] });
  });

  it('reports every problem against its sheet row', () => {
    const { rows } = checkRows([
      header,
      ['stf_x1', '', 'bad code', 'clerk', '123', '120', '', 'flying'],
      ['stf_x1', '李四', '140105', 'clerk', '', '', '', ''],
    ]);
    expect(rows[0]!.row).toBe(2);
    expect(rows[0]!.errors).toEqual([
      'name: required, at most 40 characters',
      'unit_code: not a unit code',
      'phone: 11-digit mobile number',
      'home_lon/home_lat: give both or neither',
      'home_lon: outside Shanxi',
      'skills: unknown flying',
    ]);
    expect(rows[1]!.errors).toEqual(['staff_id: appears twice in the sheet']);
  });

  it('accepts the Chinese template headers and refuses a sheet without required columns', () => {
    expect(
      checkRows([
        ['姓名', '单位代码', '岗位'],
        ['王五', '140105', '文员'],
      ]).rows[0]!.errors,
    ).toEqual([]);
    expect(checkRows([['name'], ['x']]).headerErrors).toEqual([
      'missing column unitCode',
      'missing column position',
    ]);
  });
});
