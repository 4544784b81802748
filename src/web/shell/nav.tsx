import {
  CarOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  TagsOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { CurrentUser } from '../../contracts/auth';
import type { MessageKey } from '../ui/i18n/i18n';
import { disruptionNavEntry } from '../modules/disruption';
import { orderingNavEntry } from '../modules/ordering';
import { supplyNavEntry } from '../modules/supply';
import { workforceNavEntries } from '../modules/workforce';

export interface NavEntry {
  /** The route path, also the menu key. */
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** A module later issues will fill: shown with a "coming" tag and a friendly empty page. */
  coming?: boolean;
  visible: (user: CurrentUser) => boolean;
}

const can = (permission: string) => (user: CurrentUser) => user.permissions.includes(permission);
const isRetailer = (user: CurrentUser) => user.role === 'retailer';
const isStaff = (user: CurrentUser) => !isRetailer(user);
const roleIn =
  (...roles: CurrentUser['role'][]) =>
  (user: CurrentUser) =>
    user.role === 'admin' || roles.includes(user.role);

/**
 * The sidebar, in the order of a working day. The modules still to come carry no permission yet,
 * so their visibility follows the roles that will use them (docs/architecture.md#users).
 */
export const navEntries: NavEntry[] = [
  {
    path: '/overview',
    label: 'nav.overview',
    icon: <DashboardOutlined />,
    visible: can('dashboard.read'),
  },
  { path: '/my-shop', label: 'nav.myShop', icon: <ShopOutlined />, visible: isRetailer },
  {
    path: '/retailers',
    label: 'nav.retailers',
    icon: <ShopOutlined />,
    visible: (user) => isStaff(user) && can('retailer.read')(user),
  },
  {
    path: '/products',
    label: 'nav.products',
    icon: <TagsOutlined />,
    visible: can('product.read'),
  },
  disruptionNavEntry,
  ...workforceNavEntries,
  supplyNavEntry,
  orderingNavEntry,
  {
    path: '/coming/logistics',
    label: 'nav.logistics',
    icon: <CarOutlined />,
    coming: true,
    visible: roleIn(
      'province_analyst',
      'city_manager',
      'logistics_dispatcher',
      'warehouse_keeper',
      'driver',
    ),
  },
  {
    path: '/coming/licensing',
    label: 'nav.licensing',
    icon: <FileProtectOutlined />,
    coming: true,
    visible: (user) =>
      isRetailer(user) || roleIn('province_analyst', 'city_manager', 'licence_officer')(user),
  },
  { path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, visible: can('user.manage') },
];

export const comingIcon = <SafetyCertificateOutlined />;

/** The nav entry a location belongs to (longest matching prefix). */
export function entryForPath(pathname: string): NavEntry | undefined {
  return navEntries
    .filter((entry) => pathname === entry.path || pathname.startsWith(entry.path + '/'))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
