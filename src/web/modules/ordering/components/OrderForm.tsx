import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Grid,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import type {
  LineRefusal,
  MyOrderResponse,
  OfferItem,
  OrderInput,
} from '../../../../contracts/ordering';
import { ApiError } from '../../../ui/api';
import { formatDate, formatInteger, formatYuan } from '../../../ui/format';
import { useErrorMessage } from '../../../ui/QueryState';
import { refusalsOf, useSaveOrder, type OrderTarget } from '../api';
import { newIdempotencyKey } from '../timing';
import { useOrderingText } from '../useText';
import { OfferRow } from './OfferRow';
import { OrderSummary } from './OrderSummary';
import { WindowBanner } from './WindowBanner';

export interface OrderFormProps {
  view: MyOrderResponse;
  target: OrderTarget;
  /** `phone`: an account manager keys the order in for the retailer (电话订货). */
  mode: 'self' | 'phone';
}

const liveOrder = (view: MyOrderResponse) =>
  view.order && view.order.status !== 'cancelled' ? view.order : null;

function quantitiesOf(view: MyOrderResponse): Record<string, number> {
  const order = liveOrder(view);
  return Object.fromEntries((order?.lines ?? []).map((l) => [l.productCode, l.quantity]));
}

/**
 * The week's order: the window, the dates, the offer with steppers and a sticky running total;
 * once submitted, the order itself, editable until the window closes. Mount it keyed by the
 * order's version so that a new version starts from what the server holds.
 */
export function OrderForm({ view, target, mode }: OrderFormProps) {
  const { o, label, language } = useOrderingText();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const errorText = useErrorMessage();
  const save = useSaveOrder(target, view.cycleId);
  const order = liveOrder(view);
  const canEdit = view.window.open;
  const [editing, setEditing] = useState(() => canEdit && !order);
  const [quantities, setQuantities] = useState(() => quantitiesOf(view));
  const [refusals, setRefusals] = useState<LineRefusal[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  // The key of a submit that failed in transit, kept so a retry of the same body is not doubled.
  const pending = useRef<{ key: string; body: string } | null>(null);

  const names = useMemo(
    () => new Map(view.offer.map((item) => [item.productCode, item.name])),
    [view.offer],
  );
  const refused = new Set((refusals ?? []).map((r) => r.productCode));
  // A line stays in the list while it has a quota, a quantity or a refusal to show beside it.
  const listed = (item: OfferItem) =>
    item.quota > 0 || (quantities[item.productCode] ?? 0) > 0 || refused.has(item.productCode);
  const offered = view.offer.filter(listed);
  const withoutQuota = view.offer.filter((item) => !listed(item));
  const totals = view.offer.reduce(
    (sum, item) => {
      const q = quantities[item.productCode] ?? 0;
      return {
        quantity: sum.quantity + q,
        fen: sum.fen + q * item.priceFen,
        lines: sum.lines + (q > 0 ? 1 : 0),
      };
    },
    { quantity: 0, fen: 0, lines: 0 },
  );
  const refusalOf = new Map((refusals ?? []).map((r) => [r.productCode, r]));
  const strayRefusals = (refusals ?? []).filter((r) => !names.has(r.productCode));

  const send = (body: OrderInput, withdrawing: boolean) => {
    const text = JSON.stringify(body);
    const key = pending.current?.body === text ? pending.current.key : newIdempotencyKey();
    pending.current = { key, body: text };
    setFailure(null);
    save.mutate(
      { body, key },
      {
        onSuccess: () => {
          pending.current = null;
          setRefusals(null);
          void message.success(withdrawing ? o('withdrawn') : o('submitted'));
        },
        onError: (error) => {
          const lines = refusalsOf(error);
          // A refusal is an answer: the next attempt is a new submit with a new key.
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
            pending.current = null;
          }
          if (lines) {
            setRefusals(lines);
            void message.error(o('refusedToast'));
          } else {
            setFailure(error);
            void message.error(errorText(error));
          }
        },
      },
    );
  };

  const submit = () => {
    const lines = view.offer
      .map((item) => ({
        productCode: item.productCode,
        quantity: quantities[item.productCode] ?? 0,
      }))
      .filter((line) => line.quantity > 0);
    if (lines.length === 0 && !order) {
      void message.warning(o('nothingToSubmit'));
      return;
    }
    send({ lines }, lines.length === 0);
  };

  const noPlan = view.offer.length === 0 || view.offer.every((item) => item.reason === 'no_plan');
  const noQuota = !noPlan && offered.length === 0 && !order;
  // Refused as a whole (sealed area, closed window): say why once, in words.
  const wholeRefusal =
    refusals?.length &&
    refusals.every((r) => r.code === refusals[0]!.code) &&
    (refusals[0]!.code === 'AREA_BLOCKED' || refusals[0]!.code === 'WINDOW_CLOSED')
      ? label(refusals[0]!.code)
      : null;

  const header = (
    <Flex vertical gap={12}>
      <WindowBanner view={view} phone={mode === 'phone'} />
      <Card size="small" styles={{ body: { padding: '8px 12px' } }}>
        <Flex justify="space-between" wrap gap={8}>
          <span>
            <Typography.Text type="secondary">{o('orderDate')} </Typography.Text>
            <b data-testid="order-date">{formatDate(view.orderDate)}</b>
          </span>
          <span>
            <Typography.Text type="secondary">{o('deliveryDate')} </Typography.Text>
            <b data-testid="delivery-date">{formatDate(view.deliveryDate)}</b>
          </span>
          {view.shifted ? <Tag color="gold">{o('shifted')}</Tag> : null}
        </Flex>
      </Card>
      {failure ? <Alert type="error" showIcon title={errorText(failure)} /> : null}
      {refusals ? (
        <Alert
          type="error"
          showIcon
          title={wholeRefusal ?? o('refused')}
          data-testid="order-refused"
          description={
            strayRefusals.length ? (
              <>
                {o('refusedOther')}:{' '}
                {strayRefusals
                  .map(
                    (r) =>
                      `${r.productCode} ${o('refusedLine', { code: label(r.code), limit: r.limit, requested: r.requested })}`,
                  )
                  .join('；')}
              </>
            ) : undefined
          }
        />
      ) : null}
    </Flex>
  );

  if (noPlan || noQuota) {
    return (
      <Flex vertical gap={12}>
        {header}
        <Card>
          <Empty
            data-testid={noPlan ? 'ordering-no-plan' : 'ordering-no-quota'}
            description={
              <>
                <Typography.Title level={5}>
                  {noPlan ? o('noPlan') : mode === 'phone' ? o('noQuotaPhone') : o('noQuota')}
                </Typography.Title>
                {noPlan ? (
                  <Typography.Text type="secondary">{o('noPlanText')}</Typography.Text>
                ) : (
                  <Space wrap style={{ justifyContent: 'center' }}>
                    {[...new Set(view.offer.map((item) => item.reason).filter(Boolean))].map(
                      (r) => (
                        <Tag key={r}>{label(r!)}</Tag>
                      ),
                    )}
                  </Space>
                )}
              </>
            }
          />
        </Card>
      </Flex>
    );
  }

  if (order && !editing) {
    return (
      <Flex vertical gap={12}>
        {header}
        <OrderSummary
          order={order}
          names={names}
          actions={
            canEdit ? (
              <>
                <Popconfirm
                  title={o('withdrawConfirm')}
                  onConfirm={() => send({ lines: [] }, true)}
                >
                  <Button danger loading={save.isPending} data-testid="order-withdraw">
                    {o('withdraw')}
                  </Button>
                </Popconfirm>
                <Button
                  type="primary"
                  onClick={() => {
                    setQuantities(quantitiesOf(view));
                    setRefusals(null);
                    setEditing(true);
                  }}
                  data-testid="order-edit"
                >
                  {o('edit')}
                </Button>
              </>
            ) : null
          }
        />
      </Flex>
    );
  }

  return (
    <Flex vertical gap={12}>
      {header}
      {!order && !canEdit ? <Alert type="info" showIcon title={o('noOrderYet')} /> : null}
      <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="offer-list">
        {offered.map((item) => (
          <OfferRow
            key={item.productCode}
            item={item}
            quantity={quantities[item.productCode] ?? 0}
            max={Math.max(item.available, quantitiesOf(view)[item.productCode] ?? 0)}
            disabled={!canEdit || save.isPending}
            refusal={refusalOf.get(item.productCode)}
            onChange={(q) => {
              setQuantities((current) => ({ ...current, [item.productCode]: q }));
              if (refusalOf.has(item.productCode)) {
                setRefusals(
                  (current) => current?.filter((r) => r.productCode !== item.productCode) ?? null,
                );
              }
            }}
          />
        ))}
      </Space>
      {withoutQuota.length ? (
        <Card size="small" title={o('zeroReason')}>
          {withoutQuota.map((item) => (
            <Flex
              key={item.productCode}
              justify="space-between"
              gap={8}
              style={{ padding: '2px 0' }}
            >
              <Typography.Text type="secondary">{item.name}</Typography.Text>
              <Typography.Text type="secondary">
                {item.reason ? label(item.reason) : '—'}
              </Typography.Text>
            </Flex>
          ))}
        </Card>
      ) : null}
      {canEdit ? (
        <div
          data-testid="order-totals"
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 5,
            background: '#fff',
            borderTop: '1px solid #f0f0f0',
            boxShadow: '0 -4px 12px rgba(0,0,0,0.06)',
            padding: '10px 12px',
            // Edge to edge on a phone; a rounded bar under the cards on a wider screen.
            margin: screens.md ? 0 : '0 -12px',
            borderRadius: screens.md ? 8 : 0,
          }}
        >
          <Flex justify="space-between" align="center" gap={8}>
            <div style={{ lineHeight: 1.3 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {o('total')} · {o('lines', { n: totals.lines })}
              </Typography.Text>
              <div>
                <b data-testid="running-quantity">{formatInteger(totals.quantity, language)}</b>{' '}
                {o('carton')} ·{' '}
                <b data-testid="running-amount" style={{ color: '#c62828' }}>
                  ¥{formatYuan(totals.fen, language)}
                </b>
              </div>
            </div>
            <Space>
              {order ? (
                <Button onClick={() => setEditing(false)} disabled={save.isPending}>
                  {o('cancelEdit')}
                </Button>
              ) : null}
              <Button
                type="primary"
                size="large"
                loading={save.isPending}
                onClick={submit}
                data-testid="order-submit"
              >
                {order ? o('submitChanges') : mode === 'phone' ? o('submitPhone') : o('submit')}
              </Button>
            </Space>
          </Flex>
        </div>
      ) : null}
    </Flex>
  );
}
