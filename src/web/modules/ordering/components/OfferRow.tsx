import { Alert, Card, Flex, Tag, Typography } from 'antd';
import type { LineRefusal, OfferItem } from '../../../../contracts/ordering';
import { formatYuan } from '../../../ui/format';
import { priceClassLabel } from '../texts';
import { useOrderingText } from '../useText';
import { QuantityStepper } from './QuantityStepper';

export interface OfferRowProps {
  item: OfferItem;
  quantity: number;
  /** Upper bound of the stepper (available, or what the order already holds if more). */
  max: number;
  disabled: boolean;
  refusal: LineRefusal | undefined;
  onChange: (quantity: number) => void;
}

/** One brand-spec of the week's offer as a phone-sized card: price, quota, stepper, refusal. */
export function OfferRow({ item, quantity, max, disabled, refusal, onChange }: OfferRowProps) {
  const { o, label, language } = useOrderingText();
  return (
    <Card
      size="small"
      styles={{ body: { padding: 12 } }}
      style={refusal ? { borderColor: '#ff4d4f' } : undefined}
      data-testid={`offer-${item.productCode}`}
    >
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {item.name}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.productCode}
            </Typography.Text>{' '}
            <Tag style={{ marginInlineStart: 4 }}>{priceClassLabel[language](item.priceClass)}</Tag>
          </div>
        </div>
        <div style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
          <Typography.Text strong>¥{formatYuan(item.priceFen, language)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o('perCarton')}
          </Typography.Text>
        </div>
      </Flex>
      <Flex justify="space-between" align="center" gap={8} style={{ marginTop: 8 }} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {o('quota')} <b data-testid="offer-quota">{item.quota}</b> · {o('available')}{' '}
          <b data-testid="offer-available">{item.available}</b>
          {item.ordered > 0 ? (
            <>
              {' '}
              · {o('ordered')} <b>{item.ordered}</b>
            </>
          ) : null}
        </Typography.Text>
        <QuantityStepper
          value={quantity}
          max={max}
          disabled={disabled}
          onChange={onChange}
          testId={`qty-${item.productCode}`}
        />
      </Flex>
      {refusal ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8, padding: '4px 8px' }}
          data-testid={`refusal-${item.productCode}`}
          data-code={refusal.code}
          title={o('refusedLine', {
            code: label(refusal.code),
            limit: refusal.limit,
            requested: refusal.requested,
          })}
        />
      ) : null}
    </Card>
  );
}
