import { interpolate, type Bilingual, type Language, type MessageParam } from './i18n';

/**
 * Every error the API returns has a stable code. The message is looked up in the request's language;
 * `details` carries machine-readable context (field paths, refused lines).
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数不正确', en: 'The request is invalid' },
  MALFORMED_JSON: {
    status: 400,
    zh: '请求体不是有效的 JSON',
    en: 'The request body is not valid JSON',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的内容类型',
    en: 'Unsupported content type',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  SPREADSHEET_TOO_LARGE: {
    status: 413,
    zh: '表格文件解压后过大（最多 {entries} 个条目、共 {megabytes} MB），未导入任何内容',
    en: 'The spreadsheet is too large once unpacked (at most {entries} entries and {megabytes} MB in all); nothing was imported',
  },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in' },
  INVALID_CREDENTIALS: {
    status: 401,
    zh: '用户名或密码错误',
    en: 'Wrong username or password',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '该账户因多次登录失败已暂时锁定，请在 {until} 之后再试',
    en: 'This account is locked after repeated failed log-ins; try again after {until}',
  },
  ACCOUNT_DISABLED: {
    status: 403,
    zh: '该账户已停用，请联系系统管理员',
    en: 'This account is disabled; please ask an administrator',
  },
  FORBIDDEN: { status: 403, zh: '没有执行此操作的权限', en: 'You are not allowed to do this' },
  BEYOND_SCOPE: {
    status: 403,
    zh: '超出您的数据范围：{reason}',
    en: 'Beyond your data scope: {reason}',
  },
  OUT_OF_SCOPE: {
    status: 404,
    zh: '未找到该{entity}，或不在您的数据范围内',
    en: 'No such {entity} within your data scope',
  },
  NOT_FOUND: { status: 404, zh: '未找到请求的资源', en: 'Not found' },
  CONFLICT: { status: 409, zh: '数据已被修改或已存在：{reason}', en: 'Conflict: {reason}' },
  RULE_REFUSED: { status: 422, zh: '业务规则不允许：{reason}', en: 'Refused by a rule: {reason}' },
  ORDER_REFUSED: {
    status: 422,
    zh: '订单未被接受：{count} 行不符合订货规则，整单未提交',
    en: 'The order was refused: {count} line(s) break an ordering rule; nothing was saved',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '该幂等键已用于另一份订单内容，请为新的提交生成新的键',
    en: 'This Idempotency-Key was used for a different order; use a new key for a new submission',
  },
  CYCLE_OUT_OF_RANGE: {
    status: 422,
    zh: '订货周期 {cycleId} 距今超过一年，不能查询或订货',
    en: 'Cycle {cycleId} is more than a year from now; it cannot be read or ordered',
  },
  LEDGER_OWNED_ELSEWHERE: {
    status: 423,
    zh: '本服务器不处理订货：服务器 {owner} 正在处理本数据库的订单（租约至 {until}）',
    en: 'This server does not take orders: server {owner} serves this database’s orders (lease until {until})',
  },
  UNAVAILABLE: {
    status: 503,
    zh: '暂时无法保存，请稍后用同一幂等键重试',
    en: 'Could not save just now; retry later with the same Idempotency-Key',
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    zh: '请求过于频繁，请稍后再试',
    en: 'Too many requests; please try again later',
  },
  INTERNAL: {
    status: 500,
    zh: '服务器内部错误，请稍后重试',
    en: 'Internal error; please try again later',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Record<string, MessageParam> | undefined;
  readonly details: unknown;

  constructor(
    code: ErrorCode,
    options: { params?: Record<string, MessageParam>; details?: unknown } = {},
  ) {
    super(code);
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.params = options.params;
    this.details = options.details;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorMessage(
  code: ErrorCode,
  language: Language,
  params?: Record<string, MessageParam>,
): string {
  const entry = errorCatalogue[code];
  return interpolate(language === 'en' ? entry.en : entry.zh, language, params);
}

export function errorBody(error: AppError, language: Language): ErrorBody {
  const body: ErrorBody = {
    error: { code: error.code, message: errorMessage(error.code, language, error.params) },
  };
  if (error.details !== undefined) body.error.details = error.details;
  return body;
}

/** The common "not found in your scope" refusal; out-of-scope and absent look the same on purpose. */
export function outOfScope(entity: Bilingual): AppError {
  return new AppError('OUT_OF_SCOPE', { params: { entity } });
}

/**
 * A write would reach beyond the caller's data scope (a city-wide object from a county, an area
 * over a foreign county): 403, saying what lies outside.
 */
export function beyondScope(reason: Bilingual, details?: unknown): AppError {
  return new AppError('BEYOND_SCOPE', { params: { reason }, details });
}

/** A business rule refused the request (HTTP 422). */
export function ruleRefused(reason: Bilingual, details?: unknown): AppError {
  return new AppError('RULE_REFUSED', { params: { reason }, details });
}
