import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Progress, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../ui/api';
import { formatInteger } from '../../../ui/format';
import { useI18n } from '../../../ui/i18n/i18n';
import { PageHeader } from '../../../ui/PageHeader';
import { InlineError, LoadingBlock } from '../../../ui/QueryState';
import { useServerNow } from '../../../ui/serverClock';
import { hasPermission, useCurrentUser, writesCityWide } from '../../auth/session';
import { quotaExportUrl, readImportFile, useBoard, useImportTargets, type Board } from '../api';
import { CityWeekPicker } from '../components/CityWeekPicker';
import { useSupplyText } from '../i18n';
import { cityOfUnit, isoWeekOf } from '../weeks';

type Row = Board['rows'][number];
const statusColour = { none: 'default', draft: 'gold', published: 'green' } as const;

/** The week's plan board of a city: every brand-spec, its plan's status and utilisation. */
export function SupplyBoardPage() {
  const s = useSupplyText();
  const { language } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const ownCity = cityOfUnit(user.unitCode);
  const cityCode = ownCity ?? search.get('city') ?? '140100';
  const { now } = useServerNow();
  const week = search.get('week') ?? (now ? isoWeekOf(now()) : null);
  const board = useBoard(cityCode, week);
  const importer = useImportTargets();
  const [importError, setImportError] = useState<unknown>(null);
  // A county planner reads its county's part; plans are the city's (the server says so too).
  const mayPlan = hasPermission(user, 'supply.plan');
  const canPlan = mayPlan && writesCityWide(user);
  const n = (v: number | null) => (v === null ? '—' : formatInteger(v, language));

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    next.set(key, value);
    setSearch(next, { replace: true });
  };

  const columns: ColumnsType<Row> = [
    {
      title: s('col.product'),
      dataIndex: 'productName',
      render: (name: string, row) =>
        row.planId ? <Link to={`/supply/plans/${row.planId}`}>{name}</Link> : name,
    },
    { title: s('col.priceClass'), dataIndex: 'priceClass', width: 70 },
    {
      title: s('col.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: Row['status'], row) => (
        <Tag color={statusColour[status]}>
          {s(`status.${status}`)}
          {row.version && row.version > 1 ? ` v${row.version}` : ''}
        </Tag>
      ),
    },
    {
      title: s('col.method'),
      dataIndex: 'method',
      width: 130,
      render: (m: Row['method']) => (m ? s(`method.${m}`) : '—'),
    },
    { title: s('col.target'), dataIndex: 'target', align: 'right', render: n },
    { title: s('col.available'), dataIndex: 'available', align: 'right', render: n },
    { title: s('col.allocated'), dataIndex: 'allocated', align: 'right', render: n },
    { title: s('col.reserved'), dataIndex: 'reserved', align: 'right', render: n },
    {
      title: s('col.utilisation'),
      dataIndex: 'utilisation',
      width: 160,
      render: (u: number | null) =>
        u === null ? '—' : <Progress percent={Math.round(u * 1000) / 10} size="small" />,
    },
  ];

  if (week === null) return <LoadingBlock />;
  return (
    <>
      <PageHeader
        title={s('board.title')}
        subtitle={s('board.subtitle')}
        extra={
          <Flex gap={8} wrap>
            <Button icon={<DownloadOutlined />} href={quotaExportUrl(cityCode, week)}>
              {s('board.export')}
            </Button>
            {canPlan ? (
              <Upload
                accept=".csv,.xlsx"
                showUploadList={false}
                beforeUpload={async (file) => {
                  setImportError(null);
                  try {
                    const body = await readImportFile(file);
                    const result = await importer.mutateAsync({ cityCode, week, ...body });
                    void message.success(s('board.imported', { n: result.imported }));
                  } catch (error) {
                    setImportError(error);
                  }
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={importer.isPending}>
                  {s('board.import')}
                </Button>
              </Upload>
            ) : null}
            {mayPlan && !canPlan ? (
              <Typography.Text type="secondary" data-testid="supply-county-read-only">
                {s('board.countyReadOnly')}
              </Typography.Text>
            ) : null}
            {canPlan ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate(`/supply/plans/new?city=${cityCode}&week=${week}`)}
              >
                {s('board.newPlan')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <div style={{ marginBottom: 16 }}>
        <CityWeekPicker
          cityCode={cityCode}
          fixedCity={ownCity !== null}
          week={week}
          onCity={(code) => set('city', code)}
          onWeek={(w) => set('week', w)}
        />
      </div>
      {importError ? <ImportReport error={importError} /> : null}
      {board.error ? <InlineError error={board.error} /> : null}
      <Table<Row>
        size="small"
        rowKey="productCode"
        loading={board.isFetching}
        dataSource={board.data?.rows ?? []}
        columns={columns}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        onRow={(row) => ({
          onDoubleClick: () =>
            navigate(
              row.planId
                ? `/supply/plans/${row.planId}`
                : `/supply/plans/new?city=${cityCode}&week=${week}&product=${row.productCode}`,
            ),
        })}
        data-testid="supply-board"
      />
    </>
  );
}

function ImportReport({ error }: { error: unknown }) {
  const rows =
    error instanceof ApiError
      ? ((error.details as { rows?: { row: number; key: string; errors: string[] }[] } | undefined)
          ?.rows ?? [])
      : [];
  return (
    <div style={{ marginBottom: 16 }}>
      <InlineError error={error} />
      {rows.length > 0 ? (
        <Table
          size="small"
          rowKey="row"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: '#', dataIndex: 'row', width: 60 },
            { title: 'key', dataIndex: 'key', width: 160 },
            { title: '', dataIndex: 'errors', render: (e: string[]) => e.join('; ') },
          ]}
        />
      ) : null}
    </div>
  );
}
