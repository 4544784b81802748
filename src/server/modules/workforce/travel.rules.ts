import type { TravelStatus } from '../../../contracts/workforce';

export type DecisionProblem = 'not_pending' | 'own_request' | 'reason_required';

/**
 * A pending request is decided once, never by the traveller; a refusal states its reason (the
 * traveller is told why non-essential travel is refused).
 */
export function decisionProblem(input: {
  status: TravelStatus;
  travellerStaffId: string;
  deciderStaffId: string | null;
  decision: 'approve' | 'refuse';
  reason: string | undefined;
}): DecisionProblem | null {
  if (input.status !== 'pending') return 'not_pending';
  if (input.deciderStaffId !== null && input.deciderStaffId === input.travellerStaffId) {
    return 'own_request';
  }
  if (input.decision === 'refuse' && (input.reason ?? '').trim().length === 0) {
    return 'reason_required';
  }
  return null;
}

/** Whether an approved trip covers a day (departure and return days included). */
export function awayOn(
  trip: { status: TravelStatus; departOn: string; returnOn: string },
  day: string,
) {
  return trip.status === 'approved' && trip.departOn <= day && day <= trip.returnOn;
}
