/** The identity module: users, roles, sessions and log-in. */
export { identityRoutes, type IdentityRouteOptions } from './identity.routes';
export {
  SessionResolver,
  describeUser,
  logIn,
  createUser,
  countUsers,
  insertUsersInBulk,
  purgeExpiredSessions,
  actorForUsername,
  setUserDisabled,
  type NewUser,
} from './identity.service';
export type { IdentityTables } from './identity.tables';
