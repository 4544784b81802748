import {
  COMMUTE_EFFECTS,
  DELIVERY_MODES,
  OFFICE_EFFECTS,
  ORDERING_EFFECTS,
  type DeliveryMode,
  type OrderingEffect,
  type ServiceState,
  type StatusEffects,
} from './vocab';

/** A label in both UI languages. */
export interface Label {
  zh: string;
  en: string;
}

/** One status of a scheme with its rank and effects (rule data, editable per deployment). */
export interface SchemeStatus {
  id: string;
  label: Label;
  /** Positive integer; higher is more severe. Comparable across schemes. */
  severity: number;
  effects: StatusEffects;
}

/** A classification used by government notices, e.g. the 2022 sealed/controlled/precaution one. */
export interface Scheme {
  id: string;
  label: Label;
  /** Listed most severe first. */
  statuses: SchemeStatus[];
}

/*
 * Built-in schemes, seeded into the database by the server. Severities share one scale so areas
 * of different schemes can be ranked together: 30 = nothing moves, 20 = movement restricted,
 * 10 = watch, 1–5 = minor. The scheme with the stricter effects should carry the higher severity;
 * even if a deployment breaks that, effects are combined strictest-wins (see effective.ts).
 */
export const BUILT_IN_SCHEMES: readonly Scheme[] = [
  {
    id: 'epidemic-2022',
    label: { zh: '疫情防控分区（2022）', en: 'Epidemic zoning (2022)' },
    statuses: [
      {
        id: 'sealed',
        label: { zh: '封控区', en: 'Sealed area' },
        severity: 30,
        effects: { ordering: 'blocked', delivery: 'none', commute: 'cannot', office: 'closed' },
      },
      {
        id: 'controlled',
        label: { zh: '管控区', en: 'Controlled area' },
        severity: 20,
        // People stay within the area: orders are taken, goods handed over at its checkpoint.
        effects: {
          ordering: 'allowed',
          delivery: 'fixed_point',
          commute: 'cannot',
          office: 'closed',
        },
      },
      {
        id: 'precaution',
        label: { zh: '防范区', en: 'Precaution area' },
        severity: 10,
        // Gatherings limited: deliveries at agreed times, work continues.
        effects: { ordering: 'allowed', delivery: 'fixed_time', commute: 'can', office: 'open' },
      },
    ],
  },
  {
    id: 'risk-2022',
    label: { zh: '疫情风险等级（2022）', en: 'Epidemic risk level (2022)' },
    statuses: [
      {
        id: 'high',
        label: { zh: '高风险区', en: 'High risk' },
        severity: 30,
        effects: { ordering: 'blocked', delivery: 'none', commute: 'cannot', office: 'closed' },
      },
      {
        id: 'medium',
        label: { zh: '中风险区', en: 'Medium risk' },
        severity: 20,
        effects: {
          ordering: 'allowed',
          delivery: 'fixed_point',
          commute: 'cannot',
          office: 'closed',
        },
      },
      {
        id: 'low',
        label: { zh: '低风险区', en: 'Low risk' },
        severity: 5,
        effects: { ordering: 'allowed', delivery: 'normal', commute: 'can', office: 'open' },
      },
    ],
  },
  {
    id: 'flood',
    label: { zh: '洪涝灾害', en: 'Flood' },
    statuses: [
      {
        id: 'inundated',
        label: { zh: '受淹区', en: 'Inundated' },
        severity: 30,
        effects: { ordering: 'blocked', delivery: 'none', commute: 'cannot', office: 'closed' },
      },
      {
        id: 'threatened',
        label: { zh: '受威胁区', en: 'Threatened' },
        severity: 20,
        // Orders are kept but goods wait until the water recedes.
        effects: { ordering: 'deferred', delivery: 'deferred', commute: 'cannot', office: 'open' },
      },
      {
        id: 'warning',
        label: { zh: '预警区', en: 'Flood warning' },
        severity: 10,
        effects: { ordering: 'allowed', delivery: 'fixed_time', commute: 'can', office: 'open' },
      },
    ],
  },
  {
    id: 'road-closure',
    label: { zh: '道路管制', en: 'Road closure' },
    statuses: [
      {
        id: 'closed',
        label: { zh: '道路封闭', en: 'Road closed' },
        severity: 15,
        effects: { ordering: 'allowed', delivery: 'fixed_point', commute: 'can', office: 'open' },
      },
      {
        id: 'restricted',
        label: { zh: '交通管制', en: 'Traffic restricted' },
        severity: 5,
        effects: { ordering: 'allowed', delivery: 'fixed_time', commute: 'can', office: 'open' },
      },
    ],
  },
];

/** What a retailer's service state means for ordering and delivery. */
export interface ServiceStateRule {
  label: Label;
  ordering: OrderingEffect;
  delivery: DeliveryMode;
  /** Goods are paid in cash on delivery rather than by account debit (现金收款). */
  cashOnDelivery: boolean;
}

/**
 * Service state → effects. road_closed: the shop trades but the truck cannot reach it, so goods
 * go to a fixed hand-over point. isolated: the holder is in quarantine, so an order is accepted
 * but its delivery waits (ordering and delivery deferred). cash_payer: business as usual, paid
 * in cash. suspended: no ordering, no delivery.
 */
export const SERVICE_STATE_RULES: Readonly<Record<ServiceState, ServiceStateRule>> = {
  open: {
    label: { zh: '正常营业', en: 'Open' },
    ordering: 'allowed',
    delivery: 'normal',
    cashOnDelivery: false,
  },
  road_closed: {
    label: { zh: '道路封闭', en: 'Road closed' },
    ordering: 'allowed',
    delivery: 'fixed_point',
    cashOnDelivery: false,
  },
  isolated: {
    label: { zh: '客户隔离', en: 'Isolated' },
    ordering: 'deferred',
    delivery: 'deferred',
    cashOnDelivery: false,
  },
  cash_payer: {
    label: { zh: '现金收款', en: 'Cash payer' },
    ordering: 'allowed',
    delivery: 'normal',
    cashOnDelivery: true,
  },
  suspended: {
    label: { zh: '暂停营业', en: 'Suspended' },
    ordering: 'blocked',
    delivery: 'none',
    cashOnDelivery: false,
  },
};

/** UI labels of the effect values. */
export const EFFECT_LABELS = {
  ordering: {
    allowed: { zh: '可订货', en: 'May order' },
    deferred: { zh: '可订货（暂缓送货）', en: 'May order (delivery deferred)' },
    blocked: { zh: '不可订货', en: 'Cannot order' },
  },
  delivery: {
    normal: { zh: '正常送货', en: 'Normal delivery' },
    fixed_time: { zh: '定时送货', en: 'Fixed-time delivery' },
    fixed_point: { zh: '定点送货', en: 'Fixed-point hand-over' },
    deferred: { zh: '暂缓送货', en: 'Delivery deferred' },
    none: { zh: '不予送货', en: 'No delivery' },
  },
  commute: {
    can: { zh: '可到岗', en: 'Can commute' },
    cannot: { zh: '不能到岗', en: 'Cannot commute' },
  },
  office: {
    open: { zh: '正常办公', en: 'Office open' },
    closed: { zh: '暂停办公', en: 'Office closed' },
  },
} as const satisfies {
  ordering: Record<OrderingEffect, Label>;
  delivery: Record<DeliveryMode, Label>;
  commute: Record<(typeof COMMUTE_EFFECTS)[number], Label>;
  office: Record<(typeof OFFICE_EFFECTS)[number], Label>;
};

/** The status `statusId` of scheme `schemeId`, or undefined. */
export function findStatus(
  schemes: readonly Scheme[],
  schemeId: string,
  statusId: string,
): SchemeStatus | undefined {
  return schemes.find((s) => s.id === schemeId)?.statuses.find((s) => s.id === statusId);
}

/**
 * Problems with a (user-edited) scheme, as English sentences; empty when sound. Checks unique
 * status ids, positive integer severities listed most severe first, and known effect values.
 */
export function checkScheme(scheme: Scheme): string[] {
  const problems: string[] = [];
  if (!scheme.id) problems.push('scheme id is empty');
  if (scheme.statuses.length === 0) problems.push('scheme has no status');
  const seen = new Set<string>();
  let previous = Infinity;
  for (const status of scheme.statuses) {
    if (seen.has(status.id)) problems.push(`status ${status.id} is listed twice`);
    seen.add(status.id);
    if (!Number.isInteger(status.severity) || status.severity <= 0) {
      problems.push(`status ${status.id}: severity must be a positive integer`);
    }
    if (status.severity > previous) {
      problems.push(`status ${status.id}: statuses must be listed most severe first`);
    }
    previous = status.severity;
    const e = status.effects;
    if (!(ORDERING_EFFECTS as readonly string[]).includes(e.ordering)) {
      problems.push(`status ${status.id}: unknown ordering effect ${e.ordering}`);
    }
    if (!(DELIVERY_MODES as readonly string[]).includes(e.delivery)) {
      problems.push(`status ${status.id}: unknown delivery mode ${e.delivery}`);
    }
    if (!(COMMUTE_EFFECTS as readonly string[]).includes(e.commute)) {
      problems.push(`status ${status.id}: unknown commute effect ${e.commute}`);
    }
    if (!(OFFICE_EFFECTS as readonly string[]).includes(e.office)) {
      problems.push(`status ${status.id}: unknown office effect ${e.office}`);
    }
  }
  return problems;
}
