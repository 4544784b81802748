/**
 * What of a health-related audit entry outlives the retention (docs/architecture.md#domain-rules):
 * who, when, which kind of action on whose record stays; the work mode, the unavailability
 * reasons, the risk filter and every report field go.
 */
export const healthAuditActions = [
  'health.report',
  'health.report.on_behalf',
  'health.read',
  'health.read.refused',
  'roster.swap',
] as const;

export const healthDerivedKeys = [
  'workMode',
  'proposedMode',
  'reasons',
  'risk',
  'flags',
  'alarm',
  'location',
  'healthCode',
  'temperature',
  'testKind',
  'testDate',
  'testResult',
  'symptoms',
  'note',
] as const;

const dropped = new Set<string>(healthDerivedKeys);

/**
 * The payload without health facts. A read filtered by risk lists exactly the people at risk, so
 * its list of staff becomes a count.
 */
export function withoutHealthFacts(payload: unknown): unknown {
  if (Array.isArray(payload)) return payload.map(withoutHealthFacts);
  if (payload === null || typeof payload !== 'object') return payload;
  const source = payload as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (dropped.has(key)) continue;
    if (key === 'staffIds' && source.risk === 'flagged' && Array.isArray(value)) {
      out.staffCount = value.length;
      continue;
    }
    out[key] = withoutHealthFacts(value);
  }
  return out;
}
