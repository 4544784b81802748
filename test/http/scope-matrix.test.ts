import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../src/contracts/auth';
import { isoWeekOfDate, localDateOf } from '../../src/engines/calendar';
import { demoLogins } from '../../src/server/flows/demo';
import { bearer, startTestApp, type TestApp } from '../support/app';
import { changedTables, snapshotTables } from '../support/tables';

/**
 * The scope matrix (issue #13 item 5, docs/architecture.md#security-and-data-scope): every route
 * of the OpenAPI document, called as every role with the ids and codes of a foreign city and of a
 * foreign county filled into its path, query and body, answers 403 or 404 — or, for a read, an
 * answer that names nothing foreign — and no table changes. Routes are read from the app, so a
 * route added later is covered without editing this file; its body is built from its schema.
 *
 * - Public and `authenticated` routes (log-in, log-out, the caller's own profile) reach no scoped
 *   rows and are covered by test/http/route-access.test.ts.
 * - `self` routes are called with foreign ids wherever their input can name a person or a shop;
 *   a `self` write that names nothing (one's own report) only ever writes the caller's own row,
 *   which test/http/workforce.test.ts and ordering.test.ts prove, and is not called here.
 * - Province-scoped roles (administrator, province analyst) have nothing foreign: skipped.
 */

interface Foreign {
  label: string;
  /** Location prefix of foreign rows: a city's first four digits or a county's six. */
  prefix: string;
  city: string;
  county: string;
  retailer: string;
  staff: string;
  /** Ids of foreign rows of every table that has them (areas, plans, shifts, travel …). */
  ids: string[];
}

interface Actor {
  role: string;
  username: string;
  token: string;
  ownRetailer: string | null;
  foreign: Foreign[];
}

type Schema = Record<string, any>;
interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
}

let t: TestApp;
let doc: { paths: Record<string, Record<string, Operation>>; components?: Schema };
const actors: Actor[] = [];
let product = '';
// Today's cycle and a window of the coming days: cycles far from today are refused outright.
const day = 86_400_000;
const cycle = isoWeekOfDate(localDateOf(new Date()));
const opensAt = new Date(Date.now() + day).toISOString();
const closesAt = new Date(Date.now() + 2 * day).toISOString();

/** Location columns, most precise first, and how a foreign prefix matches them. */
const locators = ['county_code', 'unit_code', 'city_code', 'company_id'] as const;

async function foreignIds(prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (const table of await t.db.db.introspection.getTables()) {
    const columns = table.columns.map((c) => c.name);
    if (!columns.includes('id') || table.name === 'users' || table.name === 'audit_log') continue;
    // A county prefix needs a column as precise as a county; city-level rows have none.
    const column = locators.find(
      (c) =>
        columns.includes(c) && (prefix.length === 4 || c === 'county_code' || c === 'unit_code'),
    );
    if (!column) continue;
    const row = await t.db.db
      .selectFrom(table.name)
      .select('id')
      .where(column, 'like', `${prefix}%`)
      .orderBy('id')
      .executeTakeFirst();
    if (row) ids.push(String(row.id));
  }
  return ids;
}

async function foreignOf(label: string, city: string, county: string, prefix: string) {
  const retailer = await t.db.db
    .selectFrom('retailers')
    .select('id')
    .where('county_code', 'like', `${prefix}%`)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const staff = await t.db.db
    .selectFrom('workforce_members')
    .select('staff_id')
    .where('unit_code', 'like', `${prefix}%`)
    .orderBy('staff_id')
    .executeTakeFirstOrThrow();
  return {
    label,
    prefix,
    city,
    county,
    retailer: retailer.id as string,
    staff: staff.staff_id as string,
    ids: await foreignIds(prefix),
  };
}

async function openForeignObjects() {
  // Areas and extra windows of a foreign city and of a foreign county (the demo seeds neither).
  const as = async (username: string, url: string, payload: object) => {
    const response = await t.app.inject({
      method: 'POST',
      url,
      headers: bearer(await t.login(username)),
      payload,
    });
    expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
  };
  for (const [username, county] of [
    ['datong', '140212'],
    ['taiyuan', '140106'],
  ] as const) {
    await as(username, '/api/areas', {
      scheme: 'epidemic-2022',
      status: 'controlled',
      validFrom: '2022-04-01T00:00:00Z',
      countyCodes: [county],
    });
    await as(username, '/api/ordering/windows', {
      countyCodes: [county],
      opensAt,
      closesAt,
      reason: '矩阵测试',
    });
  }
}

beforeAll(async () => {
  t = await startTestApp();
  await openForeignObjects();
  doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
  product = (
    await t.db.db
      .selectFrom('products')
      .select('code')
      .where('active', '=', 1)
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code as string;
  const datong = await foreignOf('a foreign city', '140200', '140212', '1402');
  const datongCounty = await foreignOf('a county of a foreign city', '140200', '140212', '140212');
  const yingze = await foreignOf('a foreign county of the same city', '140100', '140106', '140106');
  const logins = demoLogins();
  for (const role of roles) {
    // The demo's account of the role in Taiyuan / 小店区 (one per role).
    const login = logins.find((l) => l.role === role && l.username !== 'datong');
    if (!login) throw new Error(`the demo has no account of role ${role}`);
    const token = await t.login(login.username);
    const me = (
      await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })
    ).json().user as { scope: { kind: string }; retailerId: string | null };
    const kind = me.scope.kind;
    if (kind === 'province') continue;
    actors.push({
      role,
      username: login.username,
      token,
      ownRetailer: me.retailerId,
      foreign: kind === 'city' ? [datong, datongCounty] : [datong, yingze],
    });
  }
}, 120_000);
afterAll(async () => {
  await t?.close();
});

// ------------------------------------------------------------ building inputs from the schema

function resolve(schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = String(schema.$ref).split('/').pop()!;
    return resolve(doc.components?.schemas?.[name]);
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map(resolve));
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return resolve(options.find((o: Schema) => o.type !== 'null') ?? options[0]);
  return schema;
}

/** A value the field's name says is scope-bearing, for this foreign place; undefined if none. */
function scoped(name: string, f: Foreign, unit: boolean): unknown {
  const key = name.toLowerCase();
  if (/^(citycode|city|companyid)$/.test(key)) return f.city;
  if (/^(countycode|county)$/.test(key)) return f.county;
  if (key === 'countycodes') return [f.county];
  if (/^(unit|unitcode|code|parentcode)$/.test(key)) return unit ? f.county : f.city;
  if (key === 'retailerid') return f.retailer;
  if (key === 'retailerids' || key === 'placeids') return [f.retailer];
  if (key === 'staffid') return f.staff;
  if (key === 'staffids') return [f.staff];
  return undefined;
}

/**
 * Domain values no JSON schema can state (a scheme's id, an interval's order, a profile a
 * refinement requires), by field name wherever the field appears.
 */
const valueHints: Record<string, unknown> = {
  scheme: 'epidemic-2022',
  status: 'sealed',
  get opensat() {
    return opensAt;
  },
  get closesat() {
    return closesAt;
  },
  validfrom: '2022-04-01T00:00:00Z',
  profile: { preset: 'linear', minGrade: 1, start: 1, step: 1 },
};

/** Uploads name their places inside the file: a sheet naming the foreign place. */
const uploadHints: Record<string, (f: Foreign) => Record<string, unknown>> = {
  '/api/areas/import': (f) => ({
    format: 'csv',
    content: `区域,状态,开始,结束,文号\n${f.county},封控区,2022-04-10,,矩阵`,
  }),
  '/api/supply/targets/import': () => ({
    format: 'csv',
    content: `productCode,target,method,cap\n${product},500,A,\n`,
  }),
  '/api/supply/positions/import': () => ({
    format: 'csv',
    content: `productCode,stock,inbound,safetyStock\n${product},100,50,10\n`,
  }),
};

/** A hint applies where the schema takes it (an ISO instant is no clock time). */
function fitsString(s: Schema, value: unknown): boolean {
  if (typeof value !== 'string' || s.type !== 'string') return true;
  return !s.pattern || new RegExp(s.pattern).test(value);
}

const samples = ['2022-W15', '2022-04-11', '2022-04-11T09:00:00+08:00', '09:00', '1', 'x'];

function fill(name: string, schema: Schema, f: Foreign): unknown {
  const s = resolve(schema);
  const byName = scoped(name, f, true);
  if (byName !== undefined) return byName;
  const key = name.toLowerCase();
  if (key === 'week' || key === 'cycleid') return cycle;
  if (key === 'productcode') return product;
  if (key === 'type' && s.enum?.includes('retailer')) return 'retailer';
  if (key === 'id') return f.retailer;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (key in valueHints && fitsString(s, valueHints[key])) return valueHints[key];
  if (s.default !== undefined) return s.default;
  switch (s.type) {
    case 'object':
      return build(s, f);
    case 'array': {
      const n = s.minItems ?? 0;
      return Array.from({ length: n }, () => fill(name, s.items ?? {}, f));
    }
    case 'integer':
    case 'number': {
      // OpenAPI 3.0 writes an exclusive bound as `exclusiveMinimum: true` beside `minimum`.
      const low =
        typeof s.exclusiveMinimum === 'number'
          ? s.exclusiveMinimum + 1
          : s.exclusiveMinimum === true
            ? (s.minimum ?? 0) + 1
            : (s.minimum ?? 1);
      return Math.min(low, s.maximum ?? Infinity);
    }
    case 'boolean':
      return false;
    default: {
      if (s.format === 'date-time') return '2022-04-11T09:00:00+08:00';
      const pattern = s.pattern ? new RegExp(s.pattern) : null;
      const min = s.minLength ?? 1;
      const fits = (v: string) =>
        (!pattern || pattern.test(v)) && v.length >= min && v.length <= (s.maxLength ?? 1e9);
      return samples.find(fits) ?? 'x'.repeat(min);
    }
  }
}

/** Required and hinted fields, plus the first optional field that can name a foreign place. */
function build(schema: Schema, f: Foreign): Record<string, unknown> {
  const s = resolve(schema);
  const out: Record<string, unknown> = {};
  const required = new Set<string>(s.required ?? []);
  let namedForeign = false;
  for (const [name, sub] of Object.entries<Schema>(s.properties ?? {})) {
    const foreign = scoped(name, f, true) !== undefined;
    const hint = valueHints[name.toLowerCase()];
    const hinted = hint !== undefined && fitsString(resolve(sub), hint);
    if (required.has(name) || hinted || (foreign && !namedForeign)) {
      out[name] = fill(name, sub, f);
      if (foreign) namedForeign = true;
    }
  }
  return out;
}

interface Call {
  method: string;
  url: string;
  payload?: unknown;
  /** Whether the input names something foreign at all. */
  namesForeign: boolean;
}

function callsFor(method: string, url: string, f: Foreign): Call[] {
  const op = doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
  const params = op?.parameters ?? [];
  const query = new URLSearchParams();
  let namesForeign = false;
  for (const p of params.filter((p) => p.in === 'query')) {
    const named = scoped(p.name, f, true) !== undefined || p.name === 'id';
    if (!p.required && !named) continue;
    const value = fill(p.name, p.schema, f);
    namesForeign ||= named;
    query.set(p.name, Array.isArray(value) ? String(value[0]) : String(value));
  }
  const bodySchema = op?.requestBody?.content?.['application/json']?.schema;
  const payload = bodySchema
    ? { ...build(bodySchema, f), ...uploadHints[url]?.(f) }
    : method === 'GET'
      ? undefined
      : {};
  if (payload && Object.keys(payload).some((k) => scoped(k, f, true) !== undefined)) {
    namesForeign = true;
  }
  // Each path parameter in turn takes every foreign id that could fit it.
  const pathParams = [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  let urls = [url];
  for (const name of pathParams) {
    const key = name.toLowerCase();
    const named = scoped(name, f, true);
    const candidates =
      typeof named === 'string'
        ? [named]
        : key === 'cycleid'
          ? [cycle]
          : key.includes('retailer')
            ? [f.retailer]
            : key.includes('staff')
              ? [f.staff]
              : key === 'code'
                ? [f.county, f.city]
                : [...f.ids, f.retailer, f.staff];
    if (key !== 'cycleid') namesForeign = true;
    urls = urls.flatMap((u) => candidates.map((c) => u.replace(`:${name}`, encodeURIComponent(c))));
  }
  const qs = query.toString();
  return urls.map((u) => ({
    method,
    url: qs ? `${u}?${qs}` : u,
    ...(payload === undefined ? {} : { payload }),
    namesForeign,
  }));
}

/** Every string the call sent: an answer repeating them (refused ids listed apart) tells nothing. */
function sentStrings(call: Call): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(call.payload);
  const [path, qs] = call.url.split('?');
  for (const part of path!.split('/')) out.add(decodeURIComponent(part));
  for (const value of new URLSearchParams(qs ?? '').values()) out.add(value);
  return [...out].filter((v) => v.length > 2);
}

/** What a read must not show: foreign ids and codes (and any other retailer, for a shop). */
function leaks(body: string, f: Foreign, actor: Actor, call: Call): string | null {
  let text = body;
  for (const v of sentStrings(call)) text = text.split(JSON.stringify(v)).join('""');
  const codes = `"(?:countyCode|cityCode|unitCode|companyId|county|code|unit)":"${f.prefix}`;
  const pattern = new RegExp(`(?:rtl_|stf_|stf_LC|LC)${f.prefix}|${codes}`);
  const hit = pattern.exec(text)?.[0] ?? f.ids.find((id) => text.includes(`"${id}"`)) ?? null;
  if (hit) return hit;
  if (actor.ownRetailer) {
    const other = [...text.matchAll(/rtl_\d+/g)].find((m) => m[0] !== actor.ownRetailer);
    if (other) return other[0];
  }
  return null;
}

const scopedRoutes = () =>
  t.app.routeCatalogue.filter(
    (r) =>
      r.url.startsWith('/api/') &&
      !r.url.startsWith('/api/docs') &&
      r.method !== 'HEAD' &&
      r.access.permission !== 'public' &&
      r.access.permission !== 'authenticated',
  );

describe('the scope matrix', () => {
  it('covers every scoped route of the OpenAPI document and every non-province role', () => {
    expect(scopedRoutes().length).toBeGreaterThan(50);
    for (const r of scopedRoutes()) {
      expect(doc.paths[r.url.replace(/:(\w+)/g, '{$1}')], r.url).toBeDefined();
    }
    expect(actors.map((a) => a.role).sort()).toEqual(
      roles.filter((r) => r !== 'admin' && r !== 'province_analyst').sort(),
    );
  });

  it('answers 403/404, or a read naming nothing foreign, and writes nothing', async () => {
    const before = await snapshotTables(t.db.db);
    const auditBefore = await t.db.db.selectFrom('audit_log').select('id').execute();
    const failures: string[] = [];
    const tally = new Map<number, number>();
    // Requests naming nothing foreign act in the caller's own scope (a city closing its own
    // cycle): their request-level audit entries are expected.
    const ownWrites = new Set<string>();
    for (const route of scopedRoutes()) {
      for (const actor of actors) {
        for (const f of actor.foreign) {
          for (const call of callsFor(route.method, route.url, f)) {
            // A self-scoped write naming nothing writes the caller's own row: see the header.
            if (route.access.scope === 'self' && route.method !== 'GET' && !call.namesForeign) {
              continue;
            }
            const response = await t.app.inject({
              method: call.method as 'GET',
              url: call.url,
              headers: bearer(actor.token),
              ...(call.payload === undefined ? {} : { payload: call.payload as object }),
            });
            const status = response.statusCode;
            tally.set(status, (tally.get(status) ?? 0) + 1);
            const where = `${actor.username} ${call.method} ${call.url} (${f.label})`;
            if (status === 403 || status === 404) continue;
            if (status < 300 && !call.namesForeign) ownWrites.add(`${call.method} ${route.url}`);
            if (status >= 200 && status < 300 && route.access.scope !== 'none') {
              const leak = leaks(response.body, f, actor, call);
              if (leak) failures.push(`${where} → ${status} shows ${leak}`);
              continue;
            }
            if (status >= 200 && status < 300) continue;
            // Naming nothing foreign, a rule's refusal of the caller's own request proves nothing
            // either way and writes nothing (the snapshot below checks that).
            if (!call.namesForeign && status === 422) continue;
            failures.push(`${where} → ${status} ${response.body.slice(0, 200)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(changedTables(before, await snapshotTables(t.db.db))).toEqual([]);
    // Only refusals are journalled (an officer's refused health read is audited on purpose).
    const known = new Set(auditBefore.map((r) => String(r.id)));
    const added = await t.db.db.selectFrom('audit_log').select(['id', 'action']).execute();
    const written = added.filter(
      (r) => !known.has(String(r.id)) && !/refused$/.test(r.action) && !ownWrites.has(r.action),
    );
    expect(written.map((r) => r.action)).toEqual([]);
    // The matrix did call: most answers are refusals.
    expect((tally.get(403) ?? 0) + (tally.get(404) ?? 0)).toBeGreaterThan(500);
  }, 180_000);
});
