/**
 * The PagerDuty Events API v2 stand-in: accepts trigger/acknowledge/resolve events with the right
 * routing key (202), rejects the rest with PagerDuty's 400 "invalid event".
 */
import type { Reply } from './fake-http';
import { str } from './fake-http';

/**
 * @param routingKey the routing key accepted; any when undefined.
 * @param seq the fake's request counter, for a dedup key when the event carries none.
 */
export function pagerDutyEvent(body: Record<string, unknown>, routingKey: string | undefined, seq: number): Reply {
  const key = str(body.routing_key);
  if (key === undefined || (routingKey !== undefined && key !== routingKey)) {
    return {
      status: 400,
      body: { status: 'invalid event', message: 'Event object is invalid', errors: ['Invalid routing key'] },
    };
  }
  const action = str(body.event_action);
  if (action !== 'trigger' && action !== 'acknowledge' && action !== 'resolve') {
    return {
      status: 400,
      body: { status: 'invalid event', message: 'Event object is invalid', errors: ['event_action'] },
    };
  }
  return {
    status: 202,
    body: { status: 'success', message: 'Event processed', dedup_key: str(body.dedup_key) ?? `pd-${seq}` },
  };
}
