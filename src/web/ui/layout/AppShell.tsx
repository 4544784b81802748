import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, theme, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { Brand } from './Brand';

export type NavItem = Required<MenuProps>['items'][number];

export interface AppShellProps {
  brandName: string;
  navItems: NavItem[];
  selectedKey: string;
  onNavigate: (key: string) => void;
  /** Right side of the header: user, language, log-out. */
  headerRight: ReactNode;
  menuLabel: string;
  children: ReactNode;
}

const siderWidth = 240;

/** Colours of the dark sidebar; the app theme uses them for Layout and Menu too. */
export const shellColors = { sider: '#0b2545', trigger: '#08203b' } as const;

/**
 * Sidebar + header + content. On phones (below `md`) the sidebar becomes a drawer opened from the
 * header, since retailers and drivers use the app on their phones.
 */
export function AppShell(props: AppShellProps) {
  const { brandName, navItems, selectedKey, onNavigate, headerRight, menuLabel, children } = props;
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; assume a desktop.
  const isMobile = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      items={navItems}
      selectedKeys={[selectedKey]}
      onClick={({ key }) => {
        setDrawerOpen(false);
        onNavigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
      data-testid="side-menu"
    />
  );

  return (
    <Layout style={{ minHeight: '100%' }}>
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={siderWidth + 24}
          closable={false}
          styles={{ body: { padding: 0, background: shellColors.sider } }}
        >
          <Brand name={brandName} />
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          width={siderWidth}
          breakpoint="lg"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Brand name={brandName} compact={collapsed} />
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            padding: isMobile ? '0 12px' : '0 24px',
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            height: 56,
            lineHeight: '56px',
          }}
        >
          {isMobile ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={menuLabel}
              onClick={() => setDrawerOpen(true)}
              data-testid="menu-toggle"
            />
          ) : null}
          <div style={{ flex: 1 }} />
          {headerRight}
        </Layout.Header>
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
