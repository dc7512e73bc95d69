/** BACKEND_UNREACHABLE: API Gateway could not connect to the HTTP/VPC-link backend (network, TLS, VPC link, unhealthy targets). */
import type { ClassRule, RuleContext, Signal } from '../rule';
import { signal } from '../signal';
import { LAMBDA_INTEGRATIONS, connectionFailurePatterns } from './connection-failure';

const CLASS = 'BACKEND_UNREACHABLE';
const NOT_THE_FUNCTIONS_OWN = ['lambda-log', 'client'] as const;

function signals(context: RuleContext): Signal[] {
  const out: Signal[] = [];
  for (const backend of context.httpBackends) {
    const healthy = backend.healthyTargets;
    const unhealthy = backend.unhealthyTargets ?? 0;
    if (healthy === 0 && unhealthy > 0) {
      out.push(
        signal(
          CLASS,
          'backend-unreachable.unhealthy-targets',
          0.85,
          'backend',
          `${backend.endpoint}: 0 healthy, ${unhealthy} unhealthy targets${backend.unhealthyReasons?.length ? ` (${backend.unhealthyReasons.join(', ')})` : ''}`,
          { subCause: 'nlb-unhealthy-targets' },
        ),
      );
    } else if (unhealthy > 0) {
      out.push(
        signal(
          CLASS,
          'backend-unreachable.some-unhealthy-targets',
          0.35,
          'backend',
          `${backend.endpoint}: ${unhealthy} unhealthy targets`,
          {
            subCause: 'nlb-unhealthy-targets',
          },
        ),
      );
    }
    if (backend.activeCheck?.error !== undefined) {
      out.push(
        signal(
          CLASS,
          'backend-unreachable.active-check',
          0.6,
          'backend',
          `${backend.endpoint}: ${backend.activeCheck.error}`,
          {
            subCause: /cert|tls|ssl|pkix/i.test(backend.activeCheck.error) ? 'tls-certificate' : 'network-error',
          },
        ),
      );
    }
  }
  for (const integration of context.integrations) {
    if (integration.vpcLinkStatus !== undefined && !/^AVAILABLE$/i.test(integration.vpcLinkStatus)) {
      out.push(
        signal(
          CLASS,
          'backend-unreachable.vpc-link-status',
          0.8,
          'config',
          `${integration.route}: VPC link ${integration.vpcLinkId ?? ''} is ${integration.vpcLinkStatus}`,
          { subCause: 'vpc-link' },
        ),
      );
    }
  }
  return out;
}

export const backendUnreachableRule: ClassRule = {
  class: CLASS,
  logPatterns: [
    {
      id: 'backend-unreachable.network-error',
      pattern: /network\s+error\s+communicating\s+with\s+endpoint/i,
      weight: 0.95,
      specific: true,
      subCause: 'network-error',
    },
    {
      id: 'backend-unreachable.tls-certificate',
      pattern:
        /PKIX\s+path\s+(?:building|validation)\s+failed|SunCertPathBuilderException|unable\s+to\s+find\s+valid\s+certification\s+path|CertPathValidatorException|does\s+not\s+match\s+the\s+certificate\s+subject|certificate\s+(?:has\s+)?expired|self[\s-]signed\s+certificate|unable\s+to\s+verify\s+the\s+first\s+certificate|SSLHandshakeException|SSL\s+handshake\s+(?:failed|error|exception)|General\s+SSLEngine\s+problem|No\s+subject\s+alternative\s+(?:DNS\s+)?names?|certificate\s+verif(?:y|ication)\s+failed|ERR_TLS_CERT_ALTNAME_INVALID|CERT_HAS_EXPIRED|DEPTH_ZERO_SELF_SIGNED_CERT|hostname\s+.{0,80}\s+(?:does\s+not|doesn'?t)\s+match/i,
      weight: 0.9,
      specific: true,
      notSources: NOT_THE_FUNCTIONS_OWN,
      subCause: 'tls-certificate',
    },
    {
      id: 'backend-unreachable.vpc-link-internal-error',
      pattern: /there\s+was\s+an\s+internal\s+error\s+while\s+executing\s+your\s+request/i,
      weight: 0.6,
      specific: true,
      subCause: 'vpc-link',
    },
    {
      id: 'backend-unreachable.vpc-link',
      // REST execution log "Execution failed due to an vpc link error" (the VPC link or its NLB failed).
      pattern:
        /vpc\s*link\b.{0,60}\b(?:FAILED|DELETING|INACTIVE|PENDING|not\s+available|unavailable|not\s+found)|execution\s+failed\s+due\s+to\s+an?\s+vpc\s*link\s+error/i,
      weight: 0.75,
      specific: true,
      subCause: 'vpc-link',
    },
    ...connectionFailurePatterns({
      id: 'backend-unreachable.connection-failed',
      weight: 0.7,
      notSources: NOT_THE_FUNCTIONS_OWN,
      notIntegrations: LAMBDA_INTEGRATIONS,
      subCause: 'network-error',
    }),
  ],
  signals,
};
