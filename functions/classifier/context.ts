/** Findings → the RuleContext every rule reads: log templates as matchable lines, the rest sorted by type. */
import { integrationHintOf } from './integration-hint';
import { parseLogLine } from '../logs/parse-line';
import { stripPrefixes } from '../logs/prefix';
import type { Finding, IntegrationHint, LogTemplateFinding } from '../types';
import type { ApiKindHint } from './api-kind';
import type { LogLine, RuleContext } from './rule';

function ofType<T extends Finding['type']>(findings: readonly Finding[], type: T): Extract<Finding, { type: T }>[] {
  return findings.filter((f): f is Extract<Finding, { type: T }> => f.type === type);
}

function toLine(finding: LogTemplateFinding, index: number): LogLine {
  const raw = finding.example.trim() === '' ? finding.template : finding.example;
  const parsed = parseLogLine(raw);
  const text = stripPrefixes(raw).message;
  const fields = finding.fields ?? parsed.fields;
  return {
    index,
    text: text === '' ? raw : text,
    example: finding.example.trim() === '' ? finding.template : finding.example,
    source: finding.source,
    count: Math.max(1, finding.count),
    ...(parsed.status === undefined ? {} : { status: parsed.status }),
    ...(fields === undefined ? {} : { fields }),
    ...(finding.functionName === undefined ? {} : { functionName: finding.functionName }),
  };
}

/**
 * What only an HTTP API (v2) writes: its response header, access-log variables, the $default
 * stage, the v2 wording of integration/authorizer errors, and its 503 body.
 */
const HTTP_API_MARKERS =
  /\bapigw-requestid\b|\$context\.integrationErrorMessage|\brouteKey\b|"message"\s*:\s*"\s*service\s+unavailable|\/\$default\b|"stage"\s*:\s*"\$default"|configured\s+on\s+the\s+(?:integration|authori[sz]er)\s+or\s+API\s+Gateway|permissions?\s+to\s+(?:call|assume)\s+the\s+(?:IAM\s+role\s+configured\s+on\s+the\s+)?(?:integration|authori[sz]er)\b|lambda\s+authori[sz]er\s+function\s+doesn|APIGatewayHttpApiV2/i;
/**
 * An HTTP API's own default error bodies, capitalised as only it writes them: a REST API answers
 * {"message": "Internal server error"} and an unknown route with 403 "Missing Authentication
 * Token", an HTTP API {"message":"Internal Server Error"} and {"message":"Not Found"}.
 */
const HTTP_API_BODIES = /"message"\s*:\s*"(?:Internal Server Error|Not Found)"/;

/** An HTTP API's access log, by its lines alone (no stage configuration at hand). */
export function inferHttpApi(lines: readonly LogLine[]): boolean {
  return lines.some(
    (l) =>
      HTTP_API_MARKERS.test(l.text) ||
      HTTP_API_BODIES.test(l.text) ||
      (l.fields?.route !== undefined &&
        /^(?:ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|\$default)\b/.test(l.fields.route)),
  );
}

export function buildContext(
  findings: readonly Finding[],
  integration?: IntegrationHint,
  apiKind?: ApiKindHint,
): RuleContext {
  const lines = ofType(findings, 'log-template').map(toLine);
  const stages = ofType(findings, 'stage');
  const integrations = ofType(findings, 'integration');
  // A hint given by the caller wins; otherwise the diagnosed integrations say it.
  const hint = integration ?? integrationHintOf(integrations);
  const httpApi =
    apiKind === 'http' ||
    (apiKind !== 'rest' && (stages.some((s) => s.executionLogging === 'UNSUPPORTED') || inferHttpApi(lines)));
  return {
    lines,
    metrics: ofType(findings, 'metrics'),
    lambdas: ofType(findings, 'lambda'),
    integrations,
    authorizers: ofType(findings, 'authorizer'),
    stages,
    httpBackends: ofType(findings, 'http-backend'),
    throttleLimits: ofType(findings, 'throttle-limit'),
    traces: ofType(findings, 'traces'),
    changes: ofType(findings, 'change'),
    couldNotCheck: ofType(findings, 'could-not-check'),
    ...(hint === undefined ? {} : { integration: hint }),
    httpApi,
    apiKindSource: apiKind === undefined ? 'inferred' : 'given',
  };
}
