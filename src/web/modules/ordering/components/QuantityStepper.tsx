import { MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, InputNumber, Space } from 'antd';

export interface QuantityStepperProps {
  value: number;
  max: number;
  disabled?: boolean;
  onChange: (value: number) => void;
  testId?: string;
}

/** Whole cartons between 0 and `max`, with thumb-sized − and + buttons for phones. */
export function QuantityStepper({ value, max, disabled, onChange, testId }: QuantityStepperProps) {
  const clamp = (n: number) => Math.max(0, Math.min(max, Math.trunc(n)));
  return (
    <Space.Compact data-testid={testId}>
      <Button
        icon={<MinusOutlined />}
        aria-label="−1"
        disabled={disabled || value <= 0}
        onClick={() => onChange(clamp(value - 1))}
        data-testid={testId ? `${testId}-minus` : undefined}
      />
      <InputNumber
        value={value}
        min={0}
        max={max}
        precision={0}
        controls={false}
        disabled={disabled}
        inputMode="numeric"
        style={{ width: 64, textAlign: 'center' }}
        onChange={(next) => onChange(clamp(Number(next ?? 0)))}
        data-testid={testId ? `${testId}-input` : undefined}
      />
      <Button
        icon={<PlusOutlined />}
        aria-label="+1"
        disabled={disabled || value >= max}
        onClick={() => onChange(clamp(value + 1))}
        data-testid={testId ? `${testId}-plus` : undefined}
      />
    </Space.Compact>
  );
}
