/** Shared helpers of the infrastructure tests: fixture configs and template readers. */
import type { Template } from 'aws-cdk-lib/assertions';
import type { AppConfig } from '../../lib';

/** Skips esbuild for synths that do not look at the function code (the machine is slow). */
export const NO_BUNDLING = { context: { 'aws:cdk:bundling-stacks': [] } } as const;

/** A Slack bot destination with its signing secret: the interactions endpoint (buttons) is deployed. */
export const SLACK_BOT_WITH_BUTTONS = {
  mode: 'bot',
  botTokenSecret: 'responder/slack-bot',
  channel: '#incidents',
  signingSecret: 'responder/slack-signing',
} as const;

/** Every feature on: REST by name and by id, HTTP, overrides at every level, every destination. */
export const FULL_CONFIG: AppConfig = {
  stackName: 'ResponderTest',
  apis: [
    {
      kind: 'REST',
      name: 'orders-api',
      id: 'a1b2c3d4e5',
      thresholds: { latencyP99: { maxMs: 3000 } },
      stages: [
        {
          name: 'prod',
          thresholds: { serverErrorRate: { maxPercent: 2, minRequests: 50 }, clientErrorRate: { enabled: true } },
        },
        'staging',
      ],
      backendFunctions: ['orders-handler'],
      accessLogGroups: ['/aws/apigateway/orders-api/prod'],
    },
    { kind: 'REST', name: 'legacy-api', stages: ['v1'] },
    { kind: 'HTTP', id: 'f6g7h8i9j0', name: 'catalog', stages: ['$default'] },
  ],
  destinations: {
    slack: { mode: 'bot', botTokenSecret: 'responder/slack-bot', channel: '#incidents' },
    jira: {
      site: 'https://acme.atlassian.net',
      projectKey: 'OPS',
      secret: 'responder/jira',
      resolveTransition: 'Done',
    },
    opsItem: { enabled: true },
    pagerduty: { routingKeySecret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:responder/pd-AbCdEf' },
    webhook: { secret: 'responder/webhook' },
  },
  operatorEmails: ['oncall@example.com'],
  eventBridgeTrigger: true,
  responder: { reservedConcurrency: 3, logRetentionDays: 14 },
};

/** The least a user can write. */
export const MINIMAL_CONFIG: AppConfig = {
  apis: [{ kind: 'HTTP', id: 'f6g7h8i9j0', stages: ['$default'] }],
  probes: ['metrics'],
};

type CfnResource = { readonly Type: string; readonly Properties?: Record<string, unknown> };

export function resourcesOfType(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

/** Every statement of the template's inline and managed policies (CDK moves what overflows a role's inline policy). */
export function policyStatements(template: Template): Statement[] {
  return ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'].flatMap((type) =>
    Object.values(resourcesOfType(template, type)).flatMap(
      (policy) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement,
    ),
  );
}

export const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Renders CloudFormation intrinsics as readable text: {Ref: X} -> <X>, Fn::Join joined. */
export function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const node = value as Record<string, unknown>;
    if ('Ref' in node) return `<${String(node.Ref)}>`;
    if ('Fn::GetAtt' in node) return `<${(node['Fn::GetAtt'] as string[]).join('.')}>`;
    if ('Fn::Join' in node) {
      const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
      return parts.map(flat).join(separator);
    }
  }
  return JSON.stringify(value);
}

/** The template with asset hashes replaced, so snapshots change only when the infrastructure does. */
export function scrubbed(template: Template): unknown {
  return JSON.parse(JSON.stringify(template.toJSON()).replace(/[a-f0-9]{64}(\.zip|\.json)?/g, '[ASSET-HASH]$1'));
}
