import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  InputNumber,
  Row,
  Segmented,
  Select,
  Slider,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  planDimensions,
  releaseMethods,
  type PlanDimension,
  type ReleaseMethod,
} from '../../../../contracts/supply';
import { PageHeader } from '../../../ui/PageHeader';
import { InlineError, LoadingBlock } from '../../../ui/QueryState';
import { hasPermission, useCurrentUser, writesCityWide } from '../../auth/session';
import { useProducts } from '../../products/api';
import {
  useLivePreview,
  usePlan,
  usePublishedPreview,
  usePublishPlan,
  useSavePlan,
  type Plan,
  type PlanInput,
} from '../api';
import { PreviewPanel } from '../components/PreviewPanel';
import { useSupplyText } from '../i18n';
import { cityOfUnit, isoWeekOf } from '../weeks';
import { useServerNow } from '../../../ui/serverClock';

interface EditorState {
  productCode: string | null;
  method: ReleaseMethod;
  target: number;
  cap: number | null;
  minGrade: number;
  /** The profile's shape: 档差 adds a fixed step per grade; 比率 multiplies by a ratio. */
  preset: 'linear' | 'geometric';
  step: number;
  ratio: number;
  dimensions: PlanDimension[];
  blockedPolicy: 'reserve' | 'redistribute';
  rotate: boolean;
  controlled: number | null;
  allowOverSupply: boolean;
  /** 两周一访上浮: biweekly customers count double. */
  biweekly: boolean;
}

function stateOf(plan: Plan): EditorState {
  const preset = plan.profile && !Array.isArray(plan.profile) ? plan.profile : null;
  return {
    productCode: plan.productCode,
    method: plan.method,
    target: plan.target,
    cap: plan.cap,
    minGrade: preset?.minGrade ?? 1,
    preset: preset?.preset === 'geometric' ? 'geometric' : 'linear',
    step: preset?.step ?? 1,
    ratio: preset?.ratio ?? 1.1,
    dimensions: plan.dimensions,
    blockedPolicy: plan.blockedPolicy,
    rotate: plan.remainder === 'rotate',
    controlled: plan.classMultipliers.controlled ?? null,
    allowOverSupply: plan.allowOverSupply,
    biweekly: plan.biweeklyWeight > 1,
  };
}

const initial: EditorState = {
  productCode: null,
  method: 'A',
  target: 1000,
  cap: null,
  minGrade: 1,
  preset: 'linear',
  step: 1,
  ratio: 1.1,
  dimensions: [],
  blockedPolicy: 'reserve',
  rotate: false,
  controlled: null,
  allowOverSupply: false,
  biweekly: false,
};

/** Debounces a value so the live preview is asked once the planner pauses. */
function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}

/** The plan editor: figures on the left, a live preview (chart, totals, reserve) below. */
export function PlanEditorPage() {
  const s = useSupplyText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const { id } = useParams();
  const [search] = useSearchParams();
  const planId = id === 'new' ? undefined : id;
  const stored = usePlan(planId);
  const plan = stored.data?.plan;
  const correctionOf = search.get('correctionOf') ?? undefined;
  const [state, setState] = useState<EditorState>(() => ({
    ...initial,
    productCode: search.get('product'),
  }));
  useEffect(() => {
    if (plan) setState(stateOf(plan));
  }, [plan]);

  const cityCode = plan?.cityCode ?? search.get('city') ?? cityOfUnit(user.unitCode) ?? '140100';
  const { now } = useServerNow();
  const week = plan?.week ?? search.get('week') ?? (now ? isoWeekOf(now()) : null);
  const published = plan?.status === 'published';
  const canPlan = hasPermission(user, 'supply.plan') && writesCityWide(user);
  const readOnly = published || !canPlan;
  const products = useProducts({ page: 1, pageSize: 200 });
  const save = useSavePlan();
  const publish = usePublishPlan();

  const input = useMemo<PlanInput | null>(() => {
    if (!state.productCode || week === null) return null;
    const usesProfile = state.method === 'A' || state.method === 'B' || state.method === 'D';
    return {
      cityCode,
      week,
      productCode: state.productCode,
      method: state.method,
      target: state.target,
      cap: state.cap,
      ...(usesProfile
        ? {
            profile:
              state.preset === 'geometric'
                ? { preset: 'geometric', minGrade: state.minGrade, ratio: state.ratio }
                : { preset: 'linear', minGrade: state.minGrade, start: 1, step: state.step },
          }
        : {}),
      ...(state.method === 'B' ? { dimensions: state.dimensions } : {}),
      ...(state.controlled !== null ? { classMultipliers: { controlled: state.controlled } } : {}),
      blockedPolicy: state.blockedPolicy,
      remainder: state.rotate ? 'rotate' : 'none',
      biweeklyWeight: state.biweekly ? 2 : 1,
      allowOverSupply: state.allowOverSupply,
      kind: 'regular',
      ...(correctionOf ? { correctionOf } : {}),
    };
  }, [state, cityCode, week, correctionOf]);
  const debounced = useDebounced(input, 300);
  const live = useLivePreview(readOnly ? null : debounced);
  const frozen = usePublishedPreview(planId, published);
  const preview = readOnly ? frozen.data?.preview : live.data?.preview;
  const sliderMax = Math.max(
    1000,
    Math.ceil(Math.max((preview?.available ?? 0) * 1.5, state.target * 2) / 100) * 100,
  );
  const set = <K extends keyof EditorState>(key: K, value: EditorState[K]) =>
    setState((previous) => ({ ...previous, [key]: value }));

  if ((planId && stored.isLoading) || week === null) return <LoadingBlock />;

  return (
    <>
      <PageHeader
        title={`${s('editor.title')} · ${week}`}
        subtitle={
          plan
            ? `${plan.productName} · v${plan.version}${plan.kind === 'replenish' ? ` · ${s('editor.replenish')}` : ''}`
            : (products.data?.items.find((p) => p.code === state.productCode)?.name ?? '')
        }
        before={<Link to={`/supply?city=${cityCode}&week=${week}`}>← {s('board.title')}</Link>}
        extra={
          <Space>
            {plan ? <Tag>{s(`status.${plan.status}`)}</Tag> : null}
            {published && canPlan ? (
              <Button
                onClick={() =>
                  navigate(
                    `/supply/plans/new?city=${cityCode}&week=${week}&product=${plan.productCode}&correctionOf=${plan.id}`,
                  )
                }
              >
                {s('editor.correct')}
              </Button>
            ) : null}
            {!readOnly ? (
              <Button
                loading={save.isPending}
                disabled={!input}
                data-testid="supply-save"
                onClick={async () => {
                  if (!input) return;
                  const result = await save.mutateAsync({ id: planId, input });
                  void message.success(s('editor.saved'));
                  if (!planId) navigate(`/supply/plans/${result.plan.id}`, { replace: true });
                }}
              >
                {s('editor.save')}
              </Button>
            ) : null}
            {!readOnly && planId && user.permissions.includes('supply.publish') ? (
              <Button
                type="primary"
                loading={publish.isPending}
                data-testid="supply-publish"
                onClick={async () => {
                  if (input) await save.mutateAsync({ id: planId, input });
                  await publish.mutateAsync(planId);
                  void message.success(s('editor.published'));
                }}
              >
                {s('editor.publish')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {published ? (
        <Alert type="info" showIcon title={s('editor.readonly')} style={{ marginBottom: 16 }} />
      ) : null}
      {save.error ? <InlineError error={save.error} /> : null}
      {publish.error ? <InlineError error={publish.error} /> : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[16, 12]}>
          <Col xs={24} md={12} xl={8}>
            <Typography.Text type="secondary">{s('editor.product')}</Typography.Text>
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: '100%' }}
              disabled={readOnly || planId !== undefined || correctionOf !== undefined}
              value={state.productCode ?? undefined}
              loading={products.isLoading}
              options={(products.data?.items ?? []).map((p) => ({
                value: p.code,
                label: `${p.name} (${p.code})`,
              }))}
              onChange={(code: string) => set('productCode', code)}
              data-testid="supply-product"
            />
          </Col>
          <Col xs={24} xl={16}>
            <Typography.Text type="secondary">{s('editor.method')}</Typography.Text>
            <div>
              <Segmented
                disabled={readOnly}
                value={state.method}
                options={releaseMethods.map((m) => ({ value: m, label: s(`method.${m}`) }))}
                onChange={(m) => set('method', m)}
              />
            </div>
          </Col>
          <Col xs={24} xl={12}>
            <Typography.Text type="secondary">{s('editor.target')}</Typography.Text>
            <Flex gap={12} align="center">
              <Slider
                style={{ flex: 1 }}
                disabled={readOnly}
                min={0}
                max={sliderMax}
                step={10}
                value={state.target}
                onChange={(v) => set('target', v)}
              />
              <InputNumber
                disabled={readOnly}
                min={0}
                precision={0}
                value={state.target}
                onChange={(v) => set('target', v ?? 0)}
                data-testid="supply-target"
              />
            </Flex>
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Typography.Text type="secondary">{s('editor.cap')}</Typography.Text>
            <InputNumber
              disabled={readOnly}
              min={1}
              precision={0}
              style={{ width: '100%' }}
              value={state.cap}
              onChange={(v) => set('cap', v)}
            />
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Typography.Text type="secondary">{s('editor.minGrade')}</Typography.Text>
            <InputNumber
              disabled={readOnly || state.method === 'C' || state.method === 'E'}
              min={1}
              max={30}
              precision={0}
              style={{ width: '100%' }}
              value={state.minGrade}
              onChange={(v) => set('minGrade', v ?? 1)}
            />
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Typography.Text type="secondary">
              <Segmented
                size="small"
                disabled={readOnly || state.method === 'C' || state.method === 'E'}
                value={state.preset}
                options={[
                  { value: 'linear', label: s('editor.step') },
                  { value: 'geometric', label: s('editor.ratio') },
                ]}
                onChange={(v) => set('preset', v as EditorState['preset'])}
              />
            </Typography.Text>
            {state.preset === 'linear' ? (
              <InputNumber
                disabled={readOnly || state.method === 'C' || state.method === 'E'}
                min={0}
                max={100}
                step={0.1}
                style={{ width: '100%' }}
                value={state.step}
                onChange={(v) => set('step', v ?? 0)}
              />
            ) : (
              <InputNumber
                disabled={readOnly || state.method === 'C' || state.method === 'E'}
                min={1}
                max={10}
                step={0.05}
                style={{ width: '100%' }}
                value={state.ratio}
                onChange={(v) => set('ratio', v ?? 1)}
              />
            )}
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Typography.Text type="secondary">{s('editor.controlled')}</Typography.Text>
            <InputNumber
              disabled={readOnly}
              min={0}
              max={10}
              step={0.1}
              style={{ width: '100%' }}
              value={state.controlled}
              onChange={(v) => set('controlled', v)}
            />
          </Col>
          {state.method === 'B' ? (
            <Col xs={24} md={12}>
              <Typography.Text type="secondary">{s('editor.dimensions')}</Typography.Text>
              <Select
                mode="multiple"
                maxCount={2}
                disabled={readOnly}
                style={{ width: '100%' }}
                value={state.dimensions}
                options={planDimensions.map((d) => ({ value: d, label: s(`dim.${d}`) }))}
                onChange={(v: PlanDimension[]) => set('dimensions', v)}
              />
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">{s('editor.blockedPolicy')}</Typography.Text>
            <div>
              <Segmented
                disabled={readOnly}
                value={state.blockedPolicy}
                options={[
                  { value: 'reserve', label: s('policy.reserve') },
                  { value: 'redistribute', label: s('policy.redistribute') },
                ]}
                onChange={(v) => set('blockedPolicy', v as EditorState['blockedPolicy'])}
              />
            </div>
          </Col>
          <Col xs={24} md={12}>
            <Space direction="vertical">
              <Checkbox
                disabled={readOnly}
                checked={state.rotate}
                onChange={(e) => set('rotate', e.target.checked)}
              >
                {s('editor.remainder')}
              </Checkbox>
              <Checkbox
                disabled={readOnly}
                checked={state.allowOverSupply}
                onChange={(e) => set('allowOverSupply', e.target.checked)}
              >
                {s('editor.overSupply')}
              </Checkbox>
              <Checkbox
                disabled={readOnly}
                checked={state.biweekly}
                onChange={(e) => set('biweekly', e.target.checked)}
                data-testid="supply-biweekly"
              >
                {s('editor.biweekly')}
              </Checkbox>
            </Space>
          </Col>
        </Row>
      </Card>
      {!readOnly && live.error ? <InlineError error={live.error} /> : null}
      {preview ? <PreviewPanel preview={preview} /> : null}
    </>
  );
}
