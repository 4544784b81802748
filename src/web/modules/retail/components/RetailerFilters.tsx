import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Input, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { maxGrade } from '../../../../contracts/retail';
import { gradeLabel } from '../../../ui/format';
import { useI18n } from '../../../ui/i18n/i18n';
import { useUnits } from '../../org/api';
import type { useRetailerFilters } from '../filters';
import { businessTypes, marketTypes, serviceStates, useVocabulary } from '../vocabulary';

type Filters = ReturnType<typeof useRetailerFilters>;

const grades = Array.from({ length: maxGrade }, (_, index) => index + 1);

/** Search box and filters of the retailer list; every change goes to the URL. */
export function RetailerFilters({ params, update, reset }: Filters) {
  const { t, language } = useI18n();
  const vocabulary = useVocabulary();
  const cities = useUnits('city');
  const counties = useUnits('county', params.cityCode);
  const [text, setText] = useState(params.q ?? '');

  // Follow the URL when it changes from elsewhere (back button, a map click, reset).
  useEffect(() => setText(params.q ?? ''), [params.q]);

  const unitName = (unit: { name: string; nameEn: string }) =>
    language === 'en' ? unit.nameEn : unit.name;
  const select = { allowClear: true, style: { width: '100%' } } as const;

  return (
    <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12} xl={8}>
          <Input.Search
            value={text}
            onChange={(event) => setText(event.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            placeholder={t('retail.searchPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            maxLength={50}
            data-testid="retailer-search"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            {...select}
            placeholder={t('retail.city')}
            value={params.cityCode}
            loading={cities.isPending}
            options={(cities.data ?? []).map((unit) => ({
              value: unit.code,
              label: unitName(unit),
            }))}
            onChange={(value: string | undefined) =>
              update({ cityCode: value, countyCode: undefined })
            }
            data-testid="filter-city"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            {...select}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('retail.county')}
            value={params.countyCode}
            loading={counties.isPending}
            options={(counties.data ?? []).map((unit) => ({
              value: unit.code,
              label: unitName(unit),
            }))}
            onChange={(value: string | undefined) => update({ countyCode: value })}
            data-testid="filter-county"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            {...select}
            placeholder={t('retail.gradeMin')}
            value={params.gradeMin}
            options={grades
              .filter((grade) => params.gradeMax === undefined || grade <= params.gradeMax)
              .map((grade) => ({ value: grade, label: gradeLabel(grade) }))}
            onChange={(value: number | undefined) => update({ gradeMin: value })}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            {...select}
            placeholder={t('retail.gradeMax')}
            value={params.gradeMax}
            options={grades
              .filter((grade) => params.gradeMin === undefined || grade >= params.gradeMin)
              .map((grade) => ({ value: grade, label: gradeLabel(grade) }))}
            onChange={(value: number | undefined) => update({ gradeMax: value })}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            {...select}
            placeholder={t('retail.businessType')}
            value={params.businessType}
            options={businessTypes.map((value) => ({
              value,
              label: vocabulary.businessType(value),
            }))}
            onChange={(value: string | undefined) => update({ businessType: value })}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            {...select}
            placeholder={t('retail.marketType')}
            value={params.marketType}
            options={marketTypes.map((value) => ({ value, label: vocabulary.marketType(value) }))}
            onChange={(value: string | undefined) => update({ marketType: value })}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            {...select}
            placeholder={t('retail.serviceState')}
            value={params.serviceState}
            options={serviceStates.map((value) => ({
              value,
              label: vocabulary.serviceState(value),
            }))}
            onChange={(value: string | undefined) => update({ serviceState: value })}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Button icon={<ReloadOutlined />} onClick={reset} block data-testid="filter-reset">
            {t('common.reset')}
          </Button>
        </Col>
      </Row>
    </Card>
  );
}
