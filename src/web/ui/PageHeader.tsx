import { Flex, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';

export interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Buttons or tags shown on the right (below the title on phones). */
  extra?: ReactNode;
  /** A back link or breadcrumb above the title. */
  before?: ReactNode;
  /** The browser tab's title; defaults to the title when it is plain text. */
  documentTitle?: string;
}

const productName = '同心 Tongxin';

/** The title block every page starts with. */
export function PageHeader({ title, subtitle, extra, before, documentTitle }: PageHeaderProps) {
  const tabTitle = documentTitle ?? (typeof title === 'string' ? title : undefined);
  useEffect(() => {
    if (tabTitle) document.title = `${tabTitle} · ${productName}`;
  }, [tabTitle]);
  return (
    <div style={{ marginBottom: 16 }}>
      {before}
      <Flex justify="space-between" align="flex-end" wrap gap={12}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title">
            {title}
          </Typography.Title>
          {subtitle ? (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {subtitle}
            </Typography.Text>
          ) : null}
        </div>
        {extra ? <div>{extra}</div> : null}
      </Flex>
    </div>
  );
}
