/** PERMISSION_DENIED: API Gateway may not invoke the function, assume its credentials role, or call the AWS service. */
import type { ClassRule } from '../rule';
import { fieldSignals, is5xx } from '../signal';
import { FUNCTION_ERROR_WRAPPER } from './lambda-function-error';

const CLASS = 'PERMISSION_DENIED';

export const permissionDeniedRule: ClassRule = {
  class: CLASS,
  logPatterns: [
    {
      id: 'permission-denied.lambda-resource-policy',
      pattern: /invalid\s+permissions\s+on\s+lambda\s+function|does\s+not\s+have\s+permission\s+to\s+invoke/i,
      weight: 0.95,
      specific: true,
      subCause: 'lambda-resource-policy',
    },
    {
      // HTTP API $context.integrationErrorMessage when API Gateway may not invoke the integration.
      // https://repost.aws/knowledge-center/api-gateway-http-lambda-integrations
      id: 'permission-denied.http-api-invoke-permission',
      pattern: /(?:doesn[\u2019']t|does\s+not)\s+have\s+permissions?\s+to\s+call\s+the\s+integration/i,
      weight: 0.95,
      specific: true,
      subCause: 'lambda-resource-policy',
    },
    {
      // REST "does not have permission to assume the provided role"; HTTP API "doesn't have
      // permissions to assume the IAM role configured on the integration" (the v2 sentence names
      // "the IAM role", so the article is followed by an optional "IAM" as well as "provided").
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html
      id: 'permission-denied.role-not-assumable',
      pattern:
        /(?:does\s+not|doesn[\u2019']t)\s+have\s+permissions?\s+to\s+assume\s+(?:the\s+)?(?:provided\s+|IAM\s+)?role|unable\s+to\s+assume\s+(?:the\s+)?role|could\s+not\s+assume\s+(?:the\s+)?role|not\s+authorized\s+to\s+perform:?\s*sts:AssumeRole/i,
      weight: 0.95,
      specific: true,
      subCause: 'role-not-assumable',
    },
    {
      id: 'permission-denied.pass-role',
      pattern: /not\s+authorized\s+to\s+perform:?\s*iam:PassRole|cross-account\s+pass\s+role/i,
      weight: 0.85,
      specific: true,
      subCause: 'credentials-role-policy',
    },
    {
      id: 'permission-denied.invoke-403',
      pattern: /lambda\s+invocation\s+failed\s+with\s+status:?\s*403/i,
      weight: 0.75,
      specific: true,
      subCause: 'credentials-role-policy',
    },
    {
      id: 'permission-denied.access-denied',
      pattern: /not\s+authorized\s+to\s+perform|\bAccessDenied(?:Exception)?\b|\baccess\s+denied\b/i,
      weight: 0.75,
      notSources: ['lambda-log', 'client'],
      unless: FUNCTION_ERROR_WRAPPER,
      subCause: 'credentials-role-policy',
    },
  ],
  signals: (context) =>
    fieldSignals(
      context,
      CLASS,
      'permission-denied.integration-403',
      0.45,
      (f) => f.integrationStatus === '403' && is5xx(f.status),
    ),
};
