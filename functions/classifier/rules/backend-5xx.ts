/** BACKEND_5XX: the backend itself answered 5xx (HTTP endpoint, or a Lambda proxy returning statusCode 5xx); API Gateway only passed it on. */
import type { ClassRule, RuleContext, Signal } from '../rule';
import { fieldSignals, is5xx, signal, statusSignals } from '../signal';

const CLASS = 'BACKEND_5XX';
const BACKEND_SOURCES = ['execution-log', 'lambda-log', 'unknown'] as const;

function signals(context: RuleContext): Signal[] {
  const out: Signal[] = [
    ...fieldSignals(
      context,
      CLASS,
      'backend-5xx.integration-status',
      0.7,
      (f) =>
        is5xx(f.integrationStatus) &&
        is5xx(f.status) &&
        (f.integrationError === undefined || /^-?$/.test(f.integrationError)) &&
        (f.responseType === undefined || /^(?:-|DEFAULT_5XX)?$/.test(f.responseType)),
    ),
  ];
  for (const backend of context.httpBackends) {
    const status = backend.activeCheck?.status;
    if (status !== undefined && status >= 500) {
      out.push(
        signal(
          CLASS,
          'backend-5xx.active-check',
          0.6,
          'backend',
          `${backend.endpoint} answered ${status} to a health request`,
        ),
      );
    }
  }
  if (context.integration === 'http' || context.integration === 'http-proxy' || context.integration === 'vpc-link') {
    out.push(
      ...statusSignals(
        context,
        CLASS,
        'backend-5xx.passed-through-status',
        0.3,
        (status, line) => status >= 500 && line.source === 'execution-log',
      ),
    );
  }
  return out;
}

export const backend5xxRule: ClassRule = {
  class: CLASS,
  logPatterns: [
    {
      // An AWS service integration (DynamoDB, SQS, Kinesis, S3, Step Functions, EventBridge)
      // answered with its own server-side error code: the service failed, API Gateway passed it on.
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-integration-types.html
      id: 'backend-5xx.aws-service-error',
      pattern:
        /endpoint\s+response\s+body[^\n]*\b(?:InternalServerError|InternalFailure|InternalError|InternalServerException|ServiceUnavailable(?:Exception)?|ServiceException|InternalServiceError)\b/i,
      weight: 0.7,
      specific: true,
      subCause: 'aws-service-error',
    },
    {
      // A web server inside the backend (nginx or the app behind the Lambda Web Adapter, an HTTP
      // endpoint) wrote a 5xx in the combined log format: referer and user agent after the size,
      // which API Gateway's own CLF access-log format does not have.
      // https://github.com/awslabs/aws-lambda-web-adapter#readiness-check
      id: 'backend-5xx.backend-access-log',
      pattern: /^\S+ \S+ \S+ \[[^\]]+\] "[A-Z]+ \S+ HTTP\/[\d.]+" 5\d\d \d+ "[^"]*" "[^"]*"/,
      weight: 0.55,
    },
    {
      id: 'backend-5xx.received-5xx',
      pattern: /received\s+response\.?\s*status:?\s*5\d\d\b/i,
      weight: 0.8,
      sources: BACKEND_SOURCES,
    },
    {
      id: 'backend-5xx.function-returns-5xx',
      pattern:
        /\b(?:returning|returned|returns|respond(?:ing|ed|s)?\s+with|sending|send)\s+(?:an?\s+|the\s+)?(?:http\s+)?(?:status(?:\s+code)?\s*:?\s*)?5\d\d\b/i,
      weight: 0.7,
      sources: BACKEND_SOURCES,
    },
    {
      id: 'backend-5xx.proxy-status-code',
      pattern: /"?statusCode"?\s*[:=]\s*"?5\d\d\b/,
      weight: 0.65,
      sources: BACKEND_SOURCES,
    },
    {
      // Amazon.Lambda.AspNetCoreServer catches what the ASP.NET Core app throws, logs "Unknown error
      // responding to request" and answers the request with its own 500: the function did not crash,
      // the application behind it failed. https://github.com/aws/aws-lambda-dotnet/tree/master/Libraries/src/Amazon.Lambda.AspNetCoreServer
      id: 'backend-5xx.aspnetcore-bridge-500',
      pattern: /Unknown\s+error\s+responding\s+to\s+request\b/,
      weight: 0.7,
      specific: true,
      subCause: 'framework-caught-exception',
    },
    {
      // The Java proxy container (aws-serverless-java-container, under Spring Boot, Jersey, Spark and
      // Micronaut's API proxy) answers any exception the application throws with its own proxy
      // response: statusCode 502 and the body {"message":"Gateway timeout"} (JAX-RS's reason phrase
      // for 504). The function did not time out and neither did API Gateway, whose own timeout
      // bodies are "Endpoint request timed out" (REST) and "Service Unavailable" (HTTP API).
      // https://github.com/aws/serverless-java-container (AwsProxyExceptionHandler.handle)
      id: 'backend-5xx.java-container-exception-body',
      // Exactly the container's casing ("Gateway timeout"): proxies and CDNs answer a real 504 with
      // "Gateway Timeout". The container runs inside the function, so not behind HTTP backends.
      pattern: /"message\\?"\s*:\s*\\?"Gateway timeout\\?"/,
      notIntegrations: ['http', 'http-proxy', 'vpc-link'],
      weight: 0.6,
      specific: true,
      subCause: 'framework-caught-exception',
    },
    {
      // Envoy (the proxy of Istio, App Mesh, Kubernetes ingresses) answers 503 with these bodies when
      // it cannot reach or lost the service behind it: the backend's own proxy failed the request.
      // https://www.envoyproxy.io/docs/envoy/latest/faq/debugging/why_is_envoy_503
      id: 'backend-5xx.envoy-upstream-failure',
      pattern: /upstream\s+connect\s+error\s+or\s+disconnect\/reset\s+before\s+headers|\bno\s+healthy\s+upstream\b/i,
      weight: 0.75,
      specific: true,
      subCause: 'backend-proxy-upstream',
    },
    {
      id: 'backend-5xx.upstream-5xx',
      pattern:
        /\bupstream\b.{0,40}\b5\d\d\b|\b(?:backend|downstream|upstream)\s+(?:service\s+)?(?:returned|responded|answered)\s+(?:with\s+)?(?:an?\s+)?(?:error|5\d\d)/i,
      weight: 0.55,
      sources: BACKEND_SOURCES,
    },
  ],
  signals,
};
