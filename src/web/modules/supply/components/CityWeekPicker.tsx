import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Typography } from 'antd';
import { useI18n } from '../../../ui/i18n/i18n';
import { useCities } from '../api';
import { useSupplyText } from '../i18n';
import { mondayOf, shiftWeek } from '../weeks';

/** City (for province users) and ISO week, stepped one week at a time. */
export function CityWeekPicker(props: {
  cityCode: string | null;
  fixedCity: boolean;
  week: string;
  onCity: (code: string) => void;
  onWeek: (week: string) => void;
}) {
  const s = useSupplyText();
  const { language } = useI18n();
  const cities = useCities();
  const monday = mondayOf(props.week).toISOString().slice(0, 10);
  return (
    <Flex gap={12} wrap align="center">
      {props.fixedCity ? null : (
        <Select
          style={{ minWidth: 160 }}
          placeholder={s('board.city')}
          value={props.cityCode ?? undefined}
          loading={cities.isLoading}
          options={(cities.data ?? []).map((c) => ({
            value: c.code,
            label: language === 'en' ? c.nameEn : c.name,
          }))}
          onChange={props.onCity}
          data-testid="supply-city"
        />
      )}
      <Button
        icon={<LeftOutlined />}
        aria-label={s('board.prev')}
        onClick={() => props.onWeek(shiftWeek(props.week, -1))}
      />
      <Typography.Text strong data-testid="supply-week">
        {props.week}
      </Typography.Text>
      <Typography.Text type="secondary">{monday}</Typography.Text>
      <Button
        icon={<RightOutlined />}
        aria-label={s('board.next')}
        onClick={() => props.onWeek(shiftWeek(props.week, 1))}
      />
    </Flex>
  );
}
