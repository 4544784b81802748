/** A CLI command takes its arguments (after the command name) and resolves to an exit code. */
export type Command = (args: string[]) => Promise<number>;

type Loader = () => Promise<Command>;

export const commandTable: Record<string, Loader> = {
  serve: async () => (await import('./serve')).serveCommand,
  migrate: async () => (await import('./migrate')).migrateCommand,
  demo: async () => (await import('./demo')).demoCommand,
  user: async () => (await import('./user')).userCommand,
  backup: async () => (await import('./backup')).backupCommand,
  restore: async () => (await import('./backup')).restoreCommand,
  route: async () => (await import('./route')).routeCommand,
  allocate: async () => (await import('./allocate')).allocateCommand,
  workforce: async () => (await import('./workforce')).workforceCommand,
  calendar: async () => (await import('./calendar')).calendarCommand,
};

const usage = `Usage: tongxin <command> [options]

Commands:
  serve                       start the API and web server
  migrate [--down]            apply (or roll back the last) database migrations
  demo [--scale small|full] [--seed N] [--orders]   seed the demo province into an empty database
                              (--orders: and the open cycle's first orders)
  user create --username U --role R [--unit CODE] [--retailer ID|LICENCE]
                              create a user (asks for the password); a retailer needs --retailer
  user disable|enable --username U   disable a user and end their sessions (or enable again)
  backup FILE                 online backup of the SQLite database
  restore FILE                restore the SQLite database from a backup (server stopped)
  allocate --input plan.json  solve a quota allocation and print the result as JSON
  route solve FILE [--time-limit S] [--seed N]   solve a CVRPLIB or Solomon instance
  workforce purge --by USER [--now ISO]  purge health reports past retention, keeping anonymous counts
  calendar window --week W --order-day N   print a retailer's ordering window as JSON (also: cycle, holidays)
`;

export function printUsage(): void {
  process.stdout.write(usage);
}
