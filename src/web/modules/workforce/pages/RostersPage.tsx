import { App, Button, Card, Empty, List, Popconfirm, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { RosterShift } from '../../../../contracts/workforce';
import { hasPermission, useCurrentUser } from '../../auth/session';
import { queryString } from '../../../ui/api';
import { ErrorBlock, LoadingBlock, useErrorMessage } from '../../../ui/QueryState';
import { shanghaiToday, useRoster, useSwap } from '../api';
import { UnitSelect } from '../components/UnitSelect';
import { useWorkforceText } from '../useText';

function shanghaiTime(iso: string) {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);
}

/** 24-hour duty for the next 7 days: gaps in red, suggested replacements, one-click swap. */
export function RostersPage() {
  const user = useCurrentUser();
  const { w, label, language } = useWorkforceText();
  const [unit, setUnit] = useState(user.unitCode);
  const [gapsOnly, setGapsOnly] = useState(false);
  const roster = useRoster(unit, shanghaiToday(), gapsOnly);
  const swap = useSwap();
  const { message } = App.useApp();
  const errorText = useErrorMessage();
  const canManage = hasPermission(user, 'roster.manage');

  const doSwap = (shift: RosterShift, outStaffId: string, inStaffId: string) =>
    swap.mutate(
      { shiftId: shift.id, outStaffId, inStaffId },
      {
        onSuccess: () => void message.success(w('swapDone')),
        onError: (error) => void message.error(errorText(error)),
      },
    );

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }} className="no-print">
        <UnitSelect value={unit} onChange={setUnit} />
        <Space>
          <Switch checked={gapsOnly} onChange={setGapsOnly} />
          {w('gapsOnly')}
        </Space>
        <Button
          href={
            '/api/workforce/rosters/export' +
            queryString({ unit, from: shanghaiToday(), lang: language })
          }
        >
          {w('exportXlsx')}
        </Button>
        <Button onClick={() => window.print()}>{w('print')}</Button>
      </Space>
      {roster.error ? (
        <ErrorBlock error={roster.error} onRetry={() => void roster.refetch()} />
      ) : !roster.data ? (
        <LoadingBlock />
      ) : roster.data.shifts.length === 0 ? (
        <Empty description={w('noGaps')} />
      ) : (
        <List
          grid={{ gutter: 12, xs: 1, md: 2, xl: 3 }}
          dataSource={roster.data.shifts}
          data-testid="workforce-roster"
          renderItem={(shift) => {
            const unavailable = shift.assignees.filter((a) => !a.available);
            return (
              <List.Item>
                <Card
                  size="small"
                  title={`${shift.date} ${shift.label} ${shanghaiTime(shift.startsAt)}–${shanghaiTime(shift.endsAt)}`}
                  extra={
                    shift.gap ? (
                      <Tag color="red">{w('gap')}</Tag>
                    ) : (
                      <Tag color="green">{w('covered')}</Tag>
                    )
                  }
                  style={shift.gap ? { borderColor: '#c62828' } : undefined}
                  data-testid={shift.gap ? 'roster-gap' : 'roster-ok'}
                >
                  <Typography.Text type="secondary">
                    {shift.unitName} · {w('minHeadcount')} {shift.minHeadcount} ·{' '}
                    {shift.requiredSkills.map((s) => label(s)).join('、')}
                  </Typography.Text>
                  <div style={{ marginTop: 8 }}>
                    {shift.assignees.map((a) => (
                      <Tag
                        key={a.assignmentId}
                        color={a.available ? 'blue' : 'red'}
                        title={a.reasons.map((r) => label(r)).join('、')}
                      >
                        {a.name}
                        {a.available ? '' : ` (${a.reasons.map((r) => label(r)).join('、')})`}
                      </Tag>
                    ))}
                  </div>
                  {shift.gap && shift.gap.suggestions.length > 0 ? (
                    <div style={{ marginTop: 8 }}>
                      <Typography.Text strong>{w('suggestions')}</Typography.Text>
                      {shift.gap.suggestions.map((s) => (
                        <div key={s.staffId} style={{ marginTop: 4 }}>
                          <Space wrap>
                            <span>
                              {s.name} · {s.unitName}{' '}
                              {s.distanceKm > 0 ? `· ${s.distanceKm} km` : ''}
                            </span>
                            {canManage && unavailable[0] ? (
                              <Popconfirm
                                title={w('swap', { name: unavailable[0].name })}
                                onConfirm={() => doSwap(shift, unavailable[0]!.staffId, s.staffId)}
                              >
                                <Button
                                  size="small"
                                  type="primary"
                                  loading={swap.isPending}
                                  className="no-print"
                                >
                                  {w('swap', { name: unavailable[0].name })}
                                </Button>
                              </Popconfirm>
                            ) : null}
                          </Space>
                        </div>
                      ))}
                    </div>
                  ) : null}
                </Card>
              </List.Item>
            );
          }}
        />
      )}
    </>
  );
}
