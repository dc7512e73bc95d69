/**
 * The one file to edit: which APIs to watch, how sensitive the alarms are and where summaries
 * go. `npx cdk synth` validates it and names any field that is wrong. Every field and its default
 * is documented in lib/config/config.ts and lib/config/thresholds.ts (and in the README).
 * Secrets are referenced by their AWS Secrets Manager name or ARN, never by value.
 */
import type { AppConfig } from './lib';

export const config: AppConfig = {
  stackName: 'ApiGatewayResponder',
  apis: [
    {
      kind: 'REST',
      name: 'orders-api',
      // Optional: narrows the diagnosis' IAM to this API and its execution log group.
      id: 'a1b2c3d4e5',
      stages: [
        // Checkout traffic is steady: page on 2 % errors instead of the default 5 %.
        { name: 'prod', thresholds: { serverErrorRate: { maxPercent: 2 } } },
        'staging',
      ],
      backendFunctions: ['orders-handler'],
      accessLogGroups: ['/aws/apigateway/orders-api/prod'],
    },
    {
      kind: 'HTTP',
      id: 'f6g7h8i9j0',
      name: 'catalog-http-api',
      stages: ['$default'],
      // This backend calls a slow search service: 10 s p99 is normal.
      thresholds: { latencyP99: { maxMs: 10_000 } },
      // What its diagnosis may read (least privilege per API); `npx apigw-responder discover
      // --api f6g7h8i9j0 --kind http` prints these for an existing API.
      backendFunctions: ['catalog-search'],
      accessLogGroups: ['/aws/apigateway/catalog-http-api/access'],
    },
  ],
  // Applies to every API and stage unless overridden there.
  thresholds: {
    serverErrorCount: { minErrors: 5 },
  },
  destinations: {
    slack: { mode: 'webhook', webhookSecret: 'apigw-responder/slack-webhook' },
    jira: {
      enabled: false,
      site: 'https://example.atlassian.net',
      projectKey: 'OPS',
      secret: 'apigw-responder/jira',
    },
    opsItem: { enabled: false },
  },
  operatorEmails: ['oncall@example.com'],
  groupingWindowMinutes: 30,
  eventBridgeTrigger: false,
};
