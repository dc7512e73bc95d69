/**
 * Checks the destinations and turns them into the runtime shape the Lambda reads. An enabled
 * destination must name its secret; a value that looks like the secret itself is refused so it
 * never lands in the template.
 */
import type {
  DestinationsConfig,
  JiraDestinationConfig,
  OpsItemDestinationConfig,
  SlackDestinationConfig,
} from '../../functions/runtime-config';
import { describe, isRecord, type Issues, type Untyped } from './issues';
import { collectSecretUses, type SecretUse } from './secret-refs';

const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
export const SLACK_CHANNEL = /^(#[a-z0-9_-]{1,80}|[CG][A-Z0-9]{8,})$/;
export const JIRA_PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,9}$/;
/** Webhook URLs, Slack tokens, PagerDuty keys pasted in place of a secret name. */
const LOOKS_LIKE_A_VALUE = /^(https?:\/\/|xox[a-z]-|[a-f0-9]{32}$)/i;

export interface ResolvedDestinations {
  readonly destinations: DestinationsConfig;
  /** Each secret with the field naming it and its KMS key, when given (lib/config/secret-refs.ts). */
  readonly secretUses: readonly SecretUse[];
}

/** Reads one secret reference; returns it when valid. */
export function secretRef(issues: Issues, path: string, value: unknown, holds: string): string | undefined {
  const fix = `Store ${holds} in AWS Secrets Manager and give the secret's name or ARN here, or disable this destination with enabled: false.`;
  if (value === undefined || value === '') {
    issues.add(path, 'missing for an enabled destination', fix);
    return undefined;
  }
  if (typeof value !== 'string') {
    issues.add(path, `${describe(value)} is not a secret name`, fix);
    return undefined;
  }
  if (/^http:\/\//i.test(value)) {
    // Do not echo the value: it is probably the secret itself.
    issues.add(path, 'is a plain http:// URL: destinations must be https://, and the URL belongs in a secret', fix);
    return undefined;
  }
  if (LOOKS_LIKE_A_VALUE.test(value)) {
    // Do not echo the value: it is probably the secret itself.
    issues.add(path, 'looks like the secret value itself, not a secret name', fix);
    return undefined;
  }
  if (!SECRET_NAME.test(value) && !SECRET_ARN.test(value)) {
    issues.add(path, `${describe(value)} is not a Secrets Manager name or ARN`, fix);
    return undefined;
  }
  return value;
}

/** A destination block is enabled when present and not switched off. */
function enabledBlock(issues: Issues, path: string, block: unknown): Untyped | undefined {
  if (block === undefined) return undefined;
  if (!isRecord(block)) {
    issues.add(path, `${describe(block)} is not an object`, 'Use an object, or remove the block.');
    return undefined;
  }
  if (block.enabled !== undefined && !issues.boolean(`${path}.enabled`, block.enabled)) return undefined;
  return block.enabled === false ? undefined : block;
}

function slack(issues: Issues, path: string, block: Untyped): SlackDestinationConfig | undefined {
  if (block.mode === 'webhook') {
    issues.unknownKeys(path, block, ['enabled', 'mode', 'webhookSecret', 'kmsKeyArn']);
    const secret = secretRef(issues, `${path}.webhookSecret`, block.webhookSecret, 'the Slack incoming-webhook URL');
    if (!secret) return undefined;
    return { mode: 'webhook', webhookSecretId: secret };
  }
  if (block.mode === 'bot') {
    issues.unknownKeys(path, block, ['enabled', 'mode', 'botTokenSecret', 'channel', 'kmsKeyArn', 'signingSecret']);
    const secret = secretRef(issues, `${path}.botTokenSecret`, block.botTokenSecret, 'the Slack bot token (xoxb-...)');
    const channel = issues.text(`${path}.channel`, block.channel, SLACK_CHANNEL, 'a channel id (C0123456789) or #name');
    // Buttons need the interactions endpoint, which needs the app's signing secret (docs/on-call.md).
    const signing =
      block.signingSecret === undefined
        ? undefined
        : secretRef(issues, `${path}.signingSecret`, block.signingSecret, "the Slack app's signing secret");
    if (!secret || !channel) return undefined;
    return {
      mode: 'bot',
      tokenSecretId: secret,
      channel: block.channel as string,
      ...(signing === undefined ? {} : { interactive: true, signingSecretId: signing }),
    };
  }
  issues.add(
    `${path}.mode`,
    `${describe(block.mode)} is not a Slack mode`,
    'Use "webhook" (incoming webhook secret) or "bot" (bot-token secret + channel).',
  );
  return undefined;
}

function jira(issues: Issues, path: string, block: Untyped): JiraDestinationConfig | undefined {
  issues.unknownKeys(path, block, [
    'enabled',
    'site',
    'projectKey',
    'secret',
    'issueType',
    'resolveTransition',
    'kmsKeyArn',
  ]);
  const site = issues.text(
    `${path}.site`,
    block.site,
    /^https:\/\/[a-z0-9.-]+(:\d+)?\/?$/i,
    'the site URL, e.g. https://acme.atlassian.net',
  );
  const project = issues.text(
    `${path}.projectKey`,
    block.projectKey,
    JIRA_PROJECT_KEY,
    'the project key in capitals, e.g. OPS',
  );
  const secret = secretRef(issues, `${path}.secret`, block.secret, 'the Jira credentials (JSON {"email","apiToken"})');
  const optionalText = (field: string): boolean =>
    block[field] === undefined || issues.text(`${path}.${field}`, block[field], /^.{1,100}$/, 'a non-empty name');
  const issueType = optionalText('issueType');
  const transition = optionalText('resolveTransition');
  if (!site || !project || !secret || !issueType || !transition) return undefined;
  return {
    site: (block.site as string).replace(/\/$/, ''),
    projectKey: block.projectKey as string,
    secretId: secret,
    issueType: (block.issueType as string | undefined) ?? 'Bug',
    ...(block.resolveTransition === undefined ? {} : { resolveTransition: block.resolveTransition as string }),
  };
}

function opsItem(issues: Issues, path: string, block: unknown): OpsItemDestinationConfig | undefined {
  if (block === undefined) return undefined;
  if (!isRecord(block)) {
    issues.add(path, `${describe(block)} is not an object`, 'Use { enabled: true } or remove the block.');
    return undefined;
  }
  issues.unknownKeys(path, block, ['enabled', 'category', 'severity']);
  const enabled = issues.boolean(`${path}.enabled`, block.enabled);
  const category =
    block.category === undefined ||
    issues.text(`${path}.category`, block.category, /^[A-Za-z ]{1,64}$/, 'an OpsItem category, e.g. Availability');
  const severity =
    block.severity === undefined ||
    issues.text(`${path}.severity`, block.severity, /^[1-4]$/, 'a severity from "1" to "4"');
  if (!enabled || !category || !severity || block.enabled !== true) return undefined;
  return {
    enabled: true,
    category: (block.category as string | undefined) ?? 'Availability',
    severity: (block.severity as string | undefined) ?? '2',
  };
}

/** PagerDuty, webhook, Teams: an enabled block whose one setting is a secret (and its key). */
function secretOnly(
  issues: Issues,
  path: string,
  block: Untyped | undefined,
  field: string,
  holds: string,
): string | undefined {
  if (!block) return undefined;
  issues.unknownKeys(path, block, ['enabled', field, 'kmsKeyArn']);
  return secretRef(issues, `${path}.${field}`, block[field], holds);
}

export function validateDestinations(issues: Issues, path: string, input: unknown): ResolvedDestinations {
  if (input === undefined) return { destinations: {}, secretUses: [] };
  if (!isRecord(input)) {
    issues.add(path, `${describe(input)} is not an object`, 'Use { slack: {...}, jira: {...}, ... } or remove it.');
    return { destinations: {}, secretUses: [] };
  }
  issues.unknownKeys(path, input, ['slack', 'jira', 'opsItem', 'pagerduty', 'webhook', 'teams']);

  const slackBlock = enabledBlock(issues, `${path}.slack`, input.slack);
  const jiraBlock = enabledBlock(issues, `${path}.jira`, input.jira);
  const pagerBlock = enabledBlock(issues, `${path}.pagerduty`, input.pagerduty);
  const webhookBlock = enabledBlock(issues, `${path}.webhook`, input.webhook);
  const teamsBlock = enabledBlock(issues, `${path}.teams`, input.teams);

  const slackConfig = slackBlock && slack(issues, `${path}.slack`, slackBlock);
  const jiraConfig = jiraBlock && jira(issues, `${path}.jira`, jiraBlock);
  const opsItemConfig = opsItem(issues, `${path}.opsItem`, input.opsItem);

  const routingKeySecretId = secretOnly(
    issues,
    `${path}.pagerduty`,
    pagerBlock,
    'routingKeySecret',
    'the PagerDuty Events API v2 routing key',
  );
  const webhookSecretId = secretOnly(
    issues,
    `${path}.webhook`,
    webhookBlock,
    'secret',
    'the webhook JSON {"url","hmacKey"}',
  );
  const teamsSecretId = secretOnly(
    issues,
    `${path}.teams`,
    teamsBlock,
    'webhookSecret',
    'the Teams Workflows webhook URL (https://...)',
  );

  const secretUses = collectSecretUses(issues, path, [
    ['slack', slackBlock, slackBlock?.mode === 'bot' ? 'botTokenSecret' : 'webhookSecret'],
    ['jira', jiraBlock, 'secret'],
    ['pagerduty', pagerBlock, 'routingKeySecret'],
    ['webhook', webhookBlock, 'secret'],
    ['teams', teamsBlock, 'webhookSecret'],
  ]);
  return {
    secretUses,
    destinations: {
      ...(slackConfig ? { slack: slackConfig } : {}),
      ...(jiraConfig ? { jira: jiraConfig } : {}),
      ...(opsItemConfig ? { opsItem: opsItemConfig } : {}),
      ...(routingKeySecretId ? { pagerduty: { routingKeySecretId } } : {}),
      ...(webhookSecretId ? { webhook: { secretId: webhookSecretId } } : {}),
      ...(teamsSecretId ? { teams: { webhookSecretId: teamsSecretId } } : {}),
    },
  };
}
