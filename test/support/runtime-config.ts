/** A small valid runtime config (RESPONDER_CONFIG): one REST API, the metrics probe, a Slack webhook. */
import { ownTrust } from '../../functions/provenance/trust-policy';
import type { ResponderRuntimeConfig } from '../../functions/runtime-config';

export const RUNTIME_CONFIG: ResponderRuntimeConfig = {
  version: 1,
  tableName: 'responder',
  groupingWindowMinutes: 30,
  notifyReserveMs: 15_000,
  probes: ['metrics'],
  activeHealthCheck: false,
  watched: [{ kind: 'REST', name: 'orders-api', stages: ['prod'] }],
  destinations: { slack: { mode: 'webhook', webhookSecretId: 'apigw-responder/slack' } },
  trust: ownTrust('123456789012', 'eu-west-1'),
};
