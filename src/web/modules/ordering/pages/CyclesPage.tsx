import { DownloadOutlined, UnlockOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Grid,
  Input,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Navigate } from 'react-router';
import type { ExtraWindow } from '../../../../contracts/ordering';
import { formatDateTime, formatInteger, formatYuan } from '../../../ui/format';
import { ErrorBlock, LoadingBlock, useErrorMessage } from '../../../ui/QueryState';
import { hasPermission, useCurrentUser } from '../../auth/session';
import { useUnits } from '../../org/api';
import {
  downloadExport,
  useCurrentCycle,
  useExtraWindows,
  useProgress,
  type ProgressFilter,
} from '../api';
import { ExtraWindowDialog } from '../components/ExtraWindowDialog';
import { ProgressTable } from '../components/ProgressTable';
import { RateGauge } from '../components/RateGauge';
import { WindowRuleSettings } from '../components/WindowRuleSettings';
import { useOrderingText } from '../useText';

const isCounty = (code: string) => /^14\d{4}$/.test(code) && !code.endsWith('00');

/** A county's ordering cycle: who has ordered, who has not, who cannot; live, exportable. */
export function CyclesPage() {
  const user = useCurrentUser();
  const { o, language } = useOrderingText();
  const { message } = App.useApp();
  const errorText = useErrorMessage();
  const canManage = hasPermission(user, 'order.manage');
  const screens = Grid.useBreakpoint();
  const cycle = useCurrentCycle();
  const [which, setWhich] = useState<'previous' | 'cycleId' | 'next'>('cycleId');
  const cycleId = cycle.data?.[which];
  const ownCounty = isCounty(user.unitCode) ? user.unitCode : undefined;
  const counties = useUnits('county');
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const countyCode = picked ?? ownCounty ?? counties.data?.[0]?.code;
  const countyName =
    counties.data?.find((c) => c.code === countyCode)?.name ??
    (countyCode === ownCounty ? user.unitName : (countyCode ?? ''));
  const [filter, setFilter] = useState<ProgressFilter>('all');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState(false);
  const [exporting, setExporting] = useState(false);
  const progress = useProgress({ cycleId, countyCode, filter, q, page, pageSize });
  const windows = useExtraWindows(cycleId);
  const countyNames = useMemo(
    () => new Map((counties.data ?? []).map((c) => [c.code, c.name])),
    [counties.data],
  );

  if (!hasPermission(user, 'order.read')) return <Navigate to="/ordering" replace />;
  if (cycle.error) return <ErrorBlock error={cycle.error} onRetry={() => void cycle.refetch()} />;
  if (!cycle.data) return <LoadingBlock minHeight={400} />;

  const cycleLabel = (which: 'previous' | 'current' | 'next', id: string) =>
    screens.sm ? `${o(which)} ${id}` : id.replace(/^\d{4}-/, '');
  const reset = () => {
    setPage(1);
    setSelected([]);
  };
  const doExport = () => {
    if (!cycleId || !countyCode) return;
    setExporting(true);
    downloadExport(cycleId, countyCode)
      .catch((error: unknown) => void message.error(errorText(error)))
      .finally(() => setExporting(false));
  };
  const summary = progress.data?.summary;

  const progressView = (
    <>
      <Space wrap style={{ marginBottom: 16 }} align="center">
        <Segmented
          value={which}
          onChange={(v) => {
            setWhich(v as typeof which);
            reset();
          }}
          // A phone has room for the week numbers only.
          options={[
            { value: 'previous', label: cycleLabel('previous', cycle.data.previous) },
            { value: 'cycleId', label: cycleLabel('current', cycle.data.cycleId) },
            { value: 'next', label: cycleLabel('next', cycle.data.next) },
          ]}
          data-testid="cycle-picker"
        />
        {ownCounty ? (
          <Tag color="blue" style={{ fontSize: 14, padding: '4px 8px' }}>
            {user.unitName}
          </Tag>
        ) : (
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200 }}
            value={countyCode}
            loading={counties.isLoading}
            options={(counties.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
            onChange={(code: string) => {
              setPicked(code);
              reset();
            }}
            data-testid="county-picker"
          />
        )}
        <Button
          icon={<DownloadOutlined />}
          onClick={doExport}
          loading={exporting}
          disabled={!countyCode}
          data-testid="ordering-export"
        >
          {exporting ? o('exporting') : o('exportXlsx')}
        </Button>
        {canManage ? (
          <Button
            type="primary"
            icon={<UnlockOutlined />}
            onClick={() => setDialog(true)}
            disabled={!countyCode}
            data-testid="open-extra"
          >
            {o('openExtra')}
          </Button>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {o('live')}
          {progress.isFetching ? ' …' : ''}
        </Typography.Text>
      </Space>

      {progress.error && !progress.data ? (
        <ErrorBlock error={progress.error} onRetry={() => void progress.refetch()} />
      ) : !summary ? (
        <LoadingBlock minHeight={400} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={7}>
            <Card
              size="small"
              title={o('orderingRate')}
              style={{ height: '100%' }}
              styles={{ body: { padding: 4 } }}
            >
              <RateGauge
                rate={summary.orderingRate}
                caption={o('rateOf', {
                  ordered: formatInteger(summary.orderedRetailers, language),
                  active: formatInteger(summary.activeRetailers, language),
                })}
              />
            </Card>
          </Col>
          <Col xs={24} lg={17}>
            <Row gutter={[12, 12]} data-testid="ordering-summary">
              {(
                [
                  [
                    'activeRetailers',
                    formatInteger(summary.activeRetailers, language),
                    'sum-active',
                  ],
                  [
                    'orderedRetailers',
                    formatInteger(summary.orderedRetailers, language),
                    'sum-ordered',
                    '#2e7d32',
                  ],
                  [
                    'notOrderedRetailers',
                    formatInteger(
                      Math.max(0, summary.activeRetailers - summary.orderedRetailers),
                      language,
                    ),
                    'sum-not-ordered',
                  ],
                  [
                    'blockedRetailers',
                    formatInteger(summary.blockedRetailers, language),
                    'sum-blocked',
                    summary.blockedRetailers > 0 ? '#c62828' : undefined,
                  ],
                  [
                    'requestedQuantity',
                    formatInteger(summary.requestedQuantity, language),
                    'sum-requested',
                  ],
                  [
                    'confirmedQuantity',
                    formatInteger(summary.confirmedQuantity, language),
                    'sum-confirmed',
                  ],
                  [
                    'fillRate',
                    summary.fillRate === null ? '—' : `${(summary.fillRate * 100).toFixed(1)}%`,
                    'sum-fill',
                  ],
                  ['amountYuan', `¥${formatYuan(summary.amountFen, language)}`, 'sum-amount'],
                ] as const
              ).map(([key, value, testId, colour]) => (
                <Col key={key} xs={12} md={6}>
                  <Card size="small" style={{ height: '100%' }}>
                    <Statistic
                      title={
                        key === 'fillRate' && summary.fillRate === null ? (
                          <Tooltip title={o('fillRatePending')}>{o(key)} ⓘ</Tooltip>
                        ) : (
                          o(key)
                        )
                      }
                      value={value}
                      data-testid={testId}
                      styles={colour ? { content: { color: colour } } : undefined}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
          </Col>
          <Col span={24}>
            <Card size="small" styles={{ body: { paddingTop: 0 } }}>
              <Space
                wrap
                style={{ width: '100%', justifyContent: 'space-between', alignItems: 'center' }}
              >
                <Tabs
                  activeKey={filter}
                  onChange={(key) => {
                    setFilter(key as ProgressFilter);
                    reset();
                  }}
                  items={[
                    { key: 'all', label: o('filterAll') },
                    { key: 'ordered', label: `${o('filterOrdered')} ${summary.orderedRetailers}` },
                    {
                      key: 'not_ordered',
                      label: `${o('filterNotOrdered')} ${Math.max(0, summary.activeRetailers - summary.orderedRetailers)}`,
                    },
                    { key: 'blocked', label: `${o('filterBlocked')} ${summary.blockedRetailers}` },
                  ]}
                  data-testid="progress-filter"
                />
                <div data-testid="progress-search">
                  <Input.Search
                    allowClear
                    placeholder={o('search')}
                    value={typed}
                    onChange={(e) => setTyped(e.target.value)}
                    onSearch={(value) => {
                      setQ(value.trim());
                      setPage(1);
                    }}
                    style={{ width: 240 }}
                  />
                </div>
              </Space>
              <ProgressTable
                rows={progress.data?.page.items ?? []}
                loading={progress.isLoading || (progress.isFetching && progress.isPlaceholderData)}
                total={progress.data?.page.total ?? 0}
                page={page}
                pageSize={pageSize}
                onPage={(p, size) => {
                  setPage(p);
                  setPageSize(size);
                }}
                selectable={canManage}
                selected={selected}
                onSelect={setSelected}
              />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={o('extraWindows')}>
              <Table<ExtraWindow>
                size="small"
                rowKey="id"
                loading={windows.isLoading}
                dataSource={windows.data?.items ?? []}
                pagination={false}
                locale={{ emptyText: o('noExtraWindows') }}
                scroll={{ x: 'max-content' }}
                data-testid="extra-windows"
                columns={[
                  {
                    title: o('scope'),
                    key: 'scope',
                    render: (_: unknown, w) =>
                      w.countyCodes
                        ? w.countyCodes.map((c) => countyNames.get(c) ?? c).join('、')
                        : o('retailersN', { n: w.retailerIds?.length ?? 0 }),
                  },
                  {
                    title: o('extraRange'),
                    key: 'range',
                    render: (_: unknown, w) =>
                      `${formatDateTime(w.opensAt, language)} – ${formatDateTime(w.closesAt, language)}`,
                  },
                  { title: o('extraReasonLabel'), dataIndex: 'reason' },
                  {
                    title: o('createdAt'),
                    dataIndex: 'createdAt',
                    render: (at: string) => formatDateTime(at, language),
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
      {canManage && cycleId && countyCode ? (
        <ExtraWindowDialog
          open={dialog}
          onClose={() => setDialog(false)}
          cycleId={cycleId}
          countyCode={countyCode}
          countyName={countyName}
          selectedRetailerIds={selected}
        />
      ) : null}
    </>
  );

  return (
    <Tabs
      items={[
        { key: 'progress', label: o('tabProgress'), children: progressView },
        {
          key: 'window-rule',
          label: o('tabWindowRule'),
          disabled: !countyCode,
          children: countyCode ? (
            <WindowRuleSettings
              countyCode={countyCode}
              countyName={countyName}
              canManage={canManage}
            />
          ) : null,
        },
      ]}
      data-testid="cycles-tabs"
    />
  );
}
