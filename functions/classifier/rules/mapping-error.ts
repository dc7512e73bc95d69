/** MAPPING_ERROR: a request/response mapping template, content handling or method response is wrong (non-proxy integrations). */
import type { ClassRule, RuleContext, Signal } from '../rule';
import { signal } from '../signal';

const CLASS = 'MAPPING_ERROR';

function signals(context: RuleContext): Signal[] {
  const binary = context.lines.find((l) => /\[Binary Data\]|binary\s+(?:data|content|payload)/i.test(l.text));
  const transformRequest = context.lines.some((l) => /unable\s+to\s+transform\s+(?:the\s+)?request/i.test(l.text));
  if (binary === undefined || !transformRequest) return [];
  return [
    signal(CLASS, 'mapping-error.binary-body', 0.96, binary.source, binary.example, {
      count: binary.count,
      subCause: 'binary-content-handling',
    }),
  ];
}

export const mappingErrorRule: ClassRule = {
  class: CLASS,
  logPatterns: [
    {
      // An AWS service integration rejected the request the mapping template built
      // (DynamoDB/Kinesis/SQS/Step Functions "ValidationException", "SerializationException").
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
      id: 'mapping-error.aws-service-rejected-request',
      pattern:
        /endpoint\s+response\s+body[^\n]*\b(?:ValidationException|SerializationException|InvalidParameterValue|MissingParameter|InvalidArn|MalformedQueryString|InvalidInputException)\b/i,
      weight: 0.65,
      specific: true,
      subCause: 'service-request-template',
    },
    {
      // The same rejection shown as the service's own error body (its "__type" or "Code" field),
      // without API Gateway's prefix, when the error says the request's FORMAT is wrong (SNS's
      // query-protocol "MalformedInput", "MalformedQueryString", a JSON service's
      // "SerializationException"): the mapping template builds that format. A wrong VALUE
      // ("InvalidArn", "ValidationException") may be the client's own input passed through, a 4xx
      // answered correctly, so it is left to the rule above. Only behind an AWS service
      // integration: a Lambda function logging its SDK call's error is the function's.
      // https://docs.aws.amazon.com/sns/latest/api/CommonErrors.html
      id: 'mapping-error.aws-service-error-body',
      pattern:
        /"(?:__type|Code|code)"\s*:\s*"(?:[\w.]+#)?(?:SerializationException|MalformedInput|MalformedQueryString)"/,
      weight: 0.65,
      specific: true,
      integrations: ['aws'],
      subCause: 'service-request-template',
    },
    {
      // A JSON AWS service's request validation found a REQUIRED member missing ("1 validation error
      // detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be
      // null"): the request the integration's mapping template built lacks a field the action needs.
      // Only behind an AWS service integration (a function's own SDK call says the same of its code).
      // https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html
      id: 'mapping-error.aws-service-required-member-null',
      pattern: /Value\s+null\s+at\s+'[^']+'\s+failed\s+to\s+satisfy\s+constraint:\s*Member\s+must\s+not\s+be\s+null/i,
      weight: 0.7,
      specific: true,
      integrations: ['aws'],
      subCause: 'service-request-template',
    },
    {
      // The integration's endpoint URL still holds a path variable no parameter mapping fills
      // (e.g. "https://backend/{proxy}" without integration.request.path.proxy), so the URL API
      // Gateway builds has a literal brace: "Execution failed due to configuration error: Illegal
      // character in path". https://repost.aws/knowledge-center/api-gateway-proxy-path-character-error
      id: 'mapping-error.unmapped-path-variable',
      pattern: /illegal\s+character\s+in\s+(?:path|query|authority)/i,
      weight: 0.9,
      specific: true,
      subCause: 'path-parameter-mapping',
    },
    {
      // A mapping template that renders an undefined variable writes nothing in its place, so the
      // JSON it builds has a key with no value ({ "Total": , ... }): valid JSON never does.
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings.html
      id: 'mapping-error.template-rendered-empty-value',
      pattern: /^\s*\{.*"[\w-]+"\s*:\s*,/,
      weight: 0.6,
      notSources: ['client'],
      subCause: 'template-undefined-variable',
    },
    {
      // The integration URI names a stage variable the stage does not define (or another part that
      // resolves to nothing), so API Gateway has no valid address to call: "Execution failed due to
      // configuration error: Invalid endpoint address".
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html
      id: 'mapping-error.invalid-endpoint-address',
      pattern: /invalid\s+endpoint\s+address/i,
      weight: 0.85,
      specific: true,
      subCause: 'integration-uri',
    },
    {
      // The Lambda integration names a function, version or alias that does not exist (deleted,
      // renamed, an alias removed while a deployment replaces it, a stage variable naming a missing
      // alias): Lambda's Invoke answers ResourceNotFoundException (404) and API Gateway fails the
      // request with "Execution failed due to configuration error: Function not found: arn:...".
      // Keyed to API Gateway's configuration-error wording and Lambda's error body, not to a deploy
      // tool reporting the same exception.
      // https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors
      id: 'mapping-error.integration-function-not-found',
      // Lambda's own error body capitalises "Message"; a function logging an SDK error for its own
      // call to another function is that function's error, so its log lines do not count.
      pattern: /(?:configuration\s+error:\s*|"Message"\s*:\s*")Function\s+not\s+found:\s*arn:aws[\w-]*:lambda:/,
      notSources: ['lambda-log', 'client'],
      weight: 0.85,
      specific: true,
      subCause: 'integration-uri',
    },
    {
      id: 'mapping-error.transform-request',
      pattern: /unable\s+to\s+transform\s+(?:the\s+)?request/i,
      weight: 0.95,
      specific: true,
      subCause: 'request-template',
    },
    {
      id: 'mapping-error.transform-response',
      pattern: /unable\s+to\s+transform\s+(?:the\s+)?response/i,
      weight: 0.95,
      specific: true,
      subCause: 'response-template',
    },
    {
      id: 'mapping-error.invalid-method-response',
      pattern: /output\s+mapping\s+refers\s+to\s+an?\s+invalid\s+method\s+response/i,
      weight: 0.95,
      specific: true,
      subCause: 'method-response-missing',
    },
    {
      id: 'mapping-error.no-output-mapping',
      pattern: /no\s+match\s+for\s+output\s+mapping|no\s+default\s+output\s+mapping/i,
      weight: 0.9,
      specific: true,
      subCause: 'integration-response-missing',
    },
    {
      // A mock integration answers with the status code its request mapping template selects
      // ({"statusCode": 200}); a template that leaves it out or gives it as text stops the request
      // with API Gateway's own "statusCode should be an integer which defined in request template".
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
      id: 'mapping-error.mock-status-code',
      pattern: /statusCode\s+should\s+be\s+an\s+integer\s+which\s+defined\s+in\s+request\s+template/i,
      weight: 0.9,
      specific: true,
      subCause: 'request-template',
    },
    {
      id: 'mapping-error.invalid-mapping',
      pattern:
        /invalid\s+mapping\s+expression|invalid\s+(?:request|response|mapping)\s+template|unable\s+to\s+parse\s+(?:the\s+)?(?:request|response|mapping)\s+(?:body|template)|invalid\s+json\s*path|mapping\s+template\s+(?:error|failed|invalid)|\bVelocity\b.*(?:error|exception)|ParseErrorException/i,
      weight: 0.75,
      specific: true,
      subCause: 'template-syntax',
    },
  ],
  signals,
};
