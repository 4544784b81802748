import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useMemo, useState } from 'react';
import { useCurrentUser } from '../../auth/session';
import { useCountyShapes } from '../../org/api';
import { PageHeader } from '../../../ui/PageHeader';
import {
  useAreas,
  useCreateArea,
  useEndArea,
  useImpact,
  usePlaceHistory,
  useSchemes,
  type AreaBody,
  type AreaDto,
} from '../api';
import { AreaMap, type Drawn } from '../components/AreaMap';
import { AreaTimeline } from '../components/AreaTimeline';
import { ImpactPanel } from '../components/ImpactPanel';
import { shanghai, useText } from '../texts';

function coverageOf(drawn: Drawn): Partial<AreaBody> | null {
  if (!drawn) return null;
  if (drawn.kind === 'geometry') return { geometry: drawn.geometry };
  if (drawn.kind === 'circle') return { circle: { center: drawn.center, radiusM: drawn.radiusM } };
  return { countyCodes: drawn.countyCodes };
}

function DrawTab() {
  const t = useText();
  const { message } = App.useApp();
  const schemes = useSchemes();
  const counties = useCountyShapes();
  // One instant per visit: a fresh one each render would make a new query key every time.
  const [now] = useState(() => new Date().toISOString());
  const active = useAreas({ activeAt: now, page: 1, pageSize: 200 });
  const [drawn, setDrawn] = useState<Drawn>(null);
  const [scheme, setScheme] = useState('epidemic-2022');
  const [status, setStatus] = useState('sealed');
  const [from, setFrom] = useState(() => new Date().toISOString());
  const [until, setUntil] = useState<string | null>(null);
  const [noticeNo, setNoticeNo] = useState('');
  const [noticeText, setNoticeText] = useState('');
  const [name, setName] = useState('');
  const create = useCreateArea();
  const coverage = coverageOf(drawn);
  const body: AreaBody | null = coverage
    ? {
        scheme,
        status,
        validFrom: from,
        validUntil: until,
        ...(name ? { name } : {}),
        notice: {
          ...(noticeNo ? { number: noticeNo } : {}),
          ...(noticeText ? { text: noticeText } : {}),
        },
        ...coverage,
      }
    : null;
  const impact = useImpact(body);
  const statuses = schemes.data?.items.find((s) => s.id === scheme)?.statuses ?? [];
  const picked = drawn?.kind === 'counties' ? drawn.countyCodes : [];
  return (
    <Row gutter={16}>
      <Col xs={24} lg={15}>
        <p>{t('map.hint')}</p>
        <AreaMap
          counties={counties.data as GeoJSON.FeatureCollection | undefined}
          areas={active.data?.items ?? []}
          picked={picked}
          onChange={setDrawn}
        />
        {picked.length > 0 && (
          <Space style={{ marginTop: 8 }}>
            {t('map.counties')}:{' '}
            {picked.map((c) => (
              <Tag key={c}>{c}</Tag>
            ))}
            <Button size="small" onClick={() => setDrawn(null)}>
              {t('map.clear')}
            </Button>
          </Space>
        )}
      </Col>
      <Col xs={24} lg={9}>
        <Card size="small">
          <Form layout="vertical">
            <Form.Item label={t('form.scheme')}>
              <Select
                value={scheme}
                onChange={(v) => {
                  setScheme(v);
                  const first = schemes.data?.items.find((s) => s.id === v)?.statuses[0];
                  if (first) setStatus(first.id);
                }}
                options={(schemes.data?.items ?? []).map((s) => ({
                  value: s.id,
                  label: s.label.zh,
                }))}
              />
            </Form.Item>
            <Form.Item label={t('form.status')}>
              <Select
                value={status}
                onChange={setStatus}
                options={statuses.map((s) => ({ value: s.id, label: s.label.zh }))}
              />
            </Form.Item>
            <Form.Item label={t('form.from')}>
              <Input
                type="datetime-local"
                onChange={(e) => e.target.value && setFrom(new Date(e.target.value).toISOString())}
              />
            </Form.Item>
            <Form.Item label={t('form.until')}>
              <Input
                type="datetime-local"
                onChange={(e) =>
                  setUntil(e.target.value ? new Date(e.target.value).toISOString() : null)
                }
              />
            </Form.Item>
            <Form.Item label={t('form.name')}>
              <Input
                value={name}
                maxLength={120}
                data-testid="area-name"
                onChange={(e) => setName(e.target.value)}
              />
            </Form.Item>
            <Form.Item label={t('form.noticeNo')}>
              <Input
                value={noticeNo}
                maxLength={80}
                onChange={(e) => setNoticeNo(e.target.value)}
              />
            </Form.Item>
            <Form.Item label={t('form.noticeText')}>
              <Input.TextArea
                value={noticeText}
                rows={2}
                maxLength={4000}
                onChange={(e) => setNoticeText(e.target.value)}
              />
            </Form.Item>
            <Button
              type="primary"
              data-testid="area-save"
              disabled={!body || impact.isError}
              loading={create.isPending}
              onClick={() =>
                body &&
                create.mutate(body, {
                  onSuccess: (r) => {
                    void message.success(t('form.saved', { n: r.changedPlaces }));
                    setDrawn(null);
                  },
                  onError: (e) => void message.error(e.message),
                })
              }
            >
              {t('form.save')}
            </Button>
          </Form>
        </Card>
        <Card size="small" title={t('impact.title')} style={{ marginTop: 16 }}>
          {impact.isError ? (
            <Tag color="red">{impact.error.message}</Tag>
          ) : (
            <ImpactPanel impact={impact.data} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function ListTab({ timeline }: { timeline: boolean }) {
  const t = useText();
  const { message } = App.useApp();
  const schemes = useSchemes();
  const [scheme, setScheme] = useState<string | undefined>();
  const [onlyActive, setOnlyActive] = useState<'now' | 'all'>('all');
  const [page, setPage] = useState(1);
  const activeAt = useMemo(
    () => (onlyActive === 'now' ? new Date().toISOString() : undefined),
    [onlyActive],
  );
  const areas = useAreas({ scheme, activeAt, page, pageSize: timeline ? 200 : 20 });
  const end = useEndArea();
  const user = useCurrentUser();
  const canManage = user.permissions.includes('disruption.manage');
  const schemeLabel = new Map((schemes.data?.items ?? []).map((s) => [s.id, s.label.zh]));
  const filters = (
    <Space style={{ marginBottom: 12 }} wrap>
      <Select
        allowClear
        style={{ width: 220 }}
        placeholder={t('form.scheme')}
        value={scheme}
        onChange={setScheme}
        options={(schemes.data?.items ?? []).map((s) => ({ value: s.id, label: s.label.zh }))}
      />
      <Segmented
        value={onlyActive}
        onChange={(v) => setOnlyActive(v as 'now' | 'all')}
        options={[
          { value: 'all', label: t('filter.all') },
          { value: 'now', label: t('filter.activeNow') },
        ]}
      />
    </Space>
  );
  if (timeline) {
    return (
      <>
        {filters}
        <AreaTimeline areas={areas.data?.items ?? []} />
      </>
    );
  }
  return (
    <>
      {filters}
      <Table<AreaDto>
        rowKey="id"
        size="small"
        data-testid="area-list"
        loading={areas.isLoading}
        dataSource={areas.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: areas.data?.total ?? 0,
          onChange: setPage,
        }}
        columns={[
          { title: t('col.name'), dataIndex: 'name' },
          {
            title: t('col.scheme'),
            dataIndex: 'scheme',
            render: (v: string) => schemeLabel.get(v) ?? v,
          },
          {
            title: t('col.status'),
            dataIndex: 'statusLabel',
            render: (v: string, a) => (
              <Tag color={a.severity >= 30 ? 'red' : a.severity >= 20 ? 'orange' : 'gold'}>{v}</Tag>
            ),
          },
          { title: t('col.from'), dataIndex: 'validFrom', render: shanghai },
          {
            title: t('col.until'),
            dataIndex: 'validUntil',
            render: (v: string | null) => shanghai(v) || t('open'),
          },
          { title: t('col.ended'), dataIndex: 'endedAt', render: shanghai },
          { title: t('col.notice'), dataIndex: 'noticeNumber' },
          {
            title: t('col.active'),
            dataIndex: 'active',
            render: (v: boolean) => (v ? t('yes') : t('no')),
          },
          {
            title: t('col.actions'),
            render: (_: unknown, a) =>
              a.endedAt || !canManage ? null : (
                <Popconfirm
                  title={t('action.endConfirm')}
                  onConfirm={() =>
                    end.mutate({ id: a.id }, { onError: (e) => void message.error(e.message) })
                  }
                >
                  <Button size="small" danger data-testid="area-end">
                    {t('action.end')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
}

function HistoryTab() {
  const t = useText();
  const [type, setType] = useState('retailer');
  const [id, setId] = useState('');
  const [place, setPlace] = useState<{ type: string; id: string } | null>(null);
  const history = usePlaceHistory(place);
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          value={type}
          onChange={setType}
          style={{ width: 160 }}
          options={(['retailer', 'warehouse', 'office', 'staff_home'] as const).map((v) => ({
            value: v,
            label: t(`type.${v}`),
          }))}
        />
        <Input
          placeholder={t('history.id')}
          value={id}
          onChange={(e) => setId(e.target.value.trim())}
          style={{ width: 280 }}
        />
        <Button type="primary" disabled={!id} onClick={() => setPlace({ type, id })}>
          {t('history.show')}
        </Button>
      </Space>
      {history.isError && <Tag color="red">{history.error.message}</Tag>}
      <Table
        size="small"
        rowKey="from"
        pagination={false}
        dataSource={history.data?.intervals ?? []}
        columns={[
          { title: t('col.from'), dataIndex: 'from', render: shanghai },
          {
            title: t('col.until'),
            dataIndex: 'until',
            render: (v: string | null) => shanghai(v) || t('history.now'),
          },
          { title: t('col.status'), dataIndex: 'status' },
          { title: 'ordering', dataIndex: 'ordering' },
          { title: 'delivery', dataIndex: 'delivery' },
          { title: 'commute', dataIndex: 'commute' },
          { title: 'office', dataIndex: 'office' },
        ]}
      />
    </>
  );
}

/** The disruption workspace: draw and save areas with their impact, list, timeline, history. */
export function DisruptionPage() {
  const t = useText();
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Tabs
        items={[
          { key: 'map', label: t('tab.map'), children: <DrawTab /> },
          { key: 'list', label: t('tab.list'), children: <ListTab timeline={false} /> },
          { key: 'timeline', label: t('tab.timeline'), children: <ListTab timeline /> },
          { key: 'history', label: t('tab.history'), children: <HistoryTab /> },
        ]}
      />
    </>
  );
}
