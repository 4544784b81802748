import {
  CarOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  TagsOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { CurrentUser } from '../../contracts/auth';
import { webModules } from '../module-list';
import type { NavEntry } from '../ui/module';

export type { NavEntry };

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
  // The screen modules' own entries (disruption, workforce, supply, ordering).
  ...webModules.flatMap((module) => module.nav),
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
