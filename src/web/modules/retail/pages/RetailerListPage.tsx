import { useNavigate } from 'react-router';
import { useI18n } from '../../../ui/i18n/i18n';
import { PageHeader } from '../../../ui/PageHeader';
import { InlineError } from '../../../ui/QueryState';
import { useRetailers } from '../api';
import { RetailerFilters } from '../components/RetailerFilters';
import { RetailerTable } from '../components/RetailerTable';
import { useRetailerFilters } from '../filters';

export function RetailerListPage() {
  const { t } = useI18n();
  const filters = useRetailerFilters();
  const { params, update } = filters;
  const retailers = useRetailers(params);
  const navigate = useNavigate();

  return (
    <>
      <PageHeader title={t('retail.title')} subtitle={t('retail.subtitle')} />
      <RetailerFilters {...filters} />
      {retailers.error ? <InlineError error={retailers.error} /> : null}
      <div
        style={{ background: '#fff', borderRadius: 8, padding: '4px 0' }}
        data-testid="retailer-table"
      >
        <RetailerTable
          page={retailers.data}
          loading={retailers.isFetching}
          sort={params.sort}
          onChange={({ page, pageSize, sort }) => update({ page, pageSize, sort })}
          onOpen={(retailer) => void navigate(`/retailers/${encodeURIComponent(retailer.id)}`)}
        />
      </div>
    </>
  );
}
