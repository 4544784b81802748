import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useRetailerSearch } from '../api';
import { useOrderingText } from '../useText';

export interface PickedRetailer {
  id: string;
  name: string;
  licenceNo: string;
}

/** Searches the caller's retailers by name or licence number (the server scopes the list). */
export function RetailerPicker({
  value,
  onChange,
}: {
  value: PickedRetailer | null;
  onChange: (retailer: PickedRetailer) => void;
}) {
  const { o } = useOrderingText();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const search = useRetailerSearch(q, true);
  const options = useMemo(() => {
    const items = search.data?.items ?? [];
    const list = items.map((r) => ({
      value: r.id,
      label: `${r.name} · ${r.licenceNo}`,
      retailer: { id: r.id, name: r.name, licenceNo: r.licenceNo },
    }));
    if (value && !list.some((option) => option.value === value.id)) {
      list.unshift({
        value: value.id,
        label: `${value.name} · ${value.licenceNo}`,
        retailer: value,
      });
    }
    return list;
  }, [search.data, value]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setTyped }}
      placeholder={o('pickRetailer')}
      value={value?.id}
      loading={search.isFetching}
      options={options}
      onChange={(id: string) => {
        const picked = options.find((option) => option.value === id);
        if (picked) onChange(picked.retailer);
      }}
      style={{ width: 420, maxWidth: '100%' }}
      size="large"
      data-testid="phone-retailer"
    />
  );
}
