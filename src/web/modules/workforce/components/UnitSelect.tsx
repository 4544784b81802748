import { Select } from 'antd';
import { useMemo } from 'react';
import type { OrgUnit } from '../../../../contracts/org';
import { useWorkforceUnits } from '../api';

export interface UnitSelectProps {
  value: string | undefined;
  onChange: (code: string) => void;
  /** Only these levels (e.g. logistics centres for rosters). */
  levels?: OrgUnit['level'][];
  width?: number | string;
}

/** Picks an org unit of the caller's scope, searchable by name or code. */
export function UnitSelect({ value, onChange, levels, width = 220 }: UnitSelectProps) {
  const units = useWorkforceUnits();
  const options = useMemo(
    () =>
      (units.data?.items ?? [])
        .filter((u) => !levels || levels.includes(u.level))
        .map((u) => ({ value: u.code, label: `${u.name} · ${u.code}` })),
    [units.data, levels],
  );
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width, maxWidth: '100%' }}
      value={value}
      onChange={onChange}
      options={options}
      loading={units.isLoading}
      data-testid="workforce-unit"
    />
  );
}
