import { ClockCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { MyOrderResponse } from '../../../../contracts/ordering';
import { useServerNow } from '../../../ui/serverClock';
import { shortInstant, timeLeft, windowPhase } from '../timing';
import { useOrderingText } from '../useText';

/** Open (and how long still), not yet open, or closed; the extra window's reason; blocked in red. */
export function WindowBanner({ view, phone }: { view: MyOrderResponse; phone: boolean }) {
  const { o, language } = useOrderingText();
  const { now: serverNow } = useServerNow();
  // Re-render every half minute so that the countdown moves.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  const now = serverNow ? serverNow().getTime() : Date.parse(view.now);
  const { window } = view;
  const phase = windowPhase(window, now);
  const at = (iso: string) => shortInstant(iso, language);

  let title: string;
  let description: string;
  if (phase === 'open') {
    const left = timeLeft(window.closesAt, now, language);
    title = left ? `${o('windowOpen')} · ${o('windowClosesIn', { left })}` : o('windowOpen');
    description = o('windowClosesAt', { at: at(window.closesAt) });
  } else if (phase === 'before') {
    title = o('windowNotYet');
    description = o('windowOpensAt', { at: at(window.opensAt) });
  } else {
    title = o('windowClosed');
    description = o('windowClosedAt', { at: at(window.closesAt) });
  }

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {view.ordering === 'blocked' ? (
        <Alert
          type="error"
          showIcon
          icon={<StopOutlined />}
          title={phone ? o('blockedPhone') : o('blockedTitle')}
          description={phone ? undefined : o('blockedText')}
          data-testid="ordering-blocked"
        />
      ) : null}
      {view.ordering === 'deferred' ? (
        <Alert type="warning" showIcon title={o('deferredTitle')} description={o('deferredText')} />
      ) : null}
      <Alert
        type={
          view.ordering === 'blocked'
            ? 'info'
            : phase === 'open'
              ? 'success'
              : phase === 'before'
                ? 'info'
                : 'warning'
        }
        showIcon
        icon={<ClockCircleOutlined />}
        data-testid="ordering-window"
        data-phase={phase}
        title={
          <Space wrap size={4}>
            <span>{title}</span>
            {window.extra ? <Tag color="purple">{o('extraWindow')}</Tag> : null}
          </Space>
        }
        description={
          <>
            <div>{description}</div>
            {window.extra && window.reason ? (
              <div>{o('extraReason', { reason: window.reason })}</div>
            ) : null}
          </>
        }
      />
    </Space>
  );
}
