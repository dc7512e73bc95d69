/** LAMBDA_FUNCTION_ERROR: the function raised, crashed, failed to start or ran out of memory. */
import type { ClassRule, RuleContext, Signal } from '../rule';
import { signal, statusSignals } from '../signal';
import { LAMBDA_INTEGRATIONS, connectionFailurePatterns } from './connection-failure';
import { functionCallDeniedSignals } from './function-call-denied';
import { API_GATEWAY_ERROR_TYPE, RUNTIME_TRACE_PATTERNS } from './lambda-function-error-traces';

const CLASS = 'LAMBDA_FUNCTION_ERROR';

/** Lines that wrap a function's own error message: what they embed is the function's, not API Gateway's. */
export const FUNCTION_ERROR_WRAPPER =
  /customer\s+function\s+error|(?<!x-amzn-)"?error(?:Type|Message)"?\s*[:=]|X-Amz-Function-Error|Traceback|^\s*at\s|Uncaught\s+Exception|\[ERROR\]/i;

const SUB_CAUSE_OF_ERROR_TYPE: readonly (readonly [RegExp, string])[] = [
  [/ImportModule|ModuleNotFound|Cannot find module/i, 'Runtime.ImportModuleError'],
  [/HandlerNotFound/i, 'Runtime.HandlerNotFound'],
  [/SyntaxError/i, 'Runtime.UserCodeSyntaxError'],
  [/OutOfMemory|MemoryError/i, 'out-of-memory'],
];

function signals(context: RuleContext): Signal[] {
  const out: Signal[] = [];
  for (const fn of context.lambdas) {
    if (fn.role !== 'integration') continue;
    const name = fn.functionName;
    if ((fn.outOfMemoryCount ?? 0) > 0) {
      out.push(
        signal(
          CLASS,
          'lambda-function-error.out-of-memory',
          0.75,
          'backend',
          `${name}: ${fn.outOfMemoryCount} invocations used all ${fn.memoryMb ?? '?'} MB`,
          {
            subCause: 'out-of-memory',
            count: fn.outOfMemoryCount ?? 1,
          },
        ),
      );
    }
    if ((fn.initErrorCount ?? 0) > 0) {
      out.push(
        signal(CLASS, 'lambda-function-error.init-error', 0.7, 'backend', `${name}: ${fn.initErrorCount} init errors`, {
          count: fn.initErrorCount ?? 1,
        }),
      );
    }
    for (const type of fn.errorTypes ?? []) {
      const subCause = SUB_CAUSE_OF_ERROR_TYPE.find(([p]) => p.test(type))?.[1] ?? type;
      out.push(
        signal(CLASS, 'lambda-function-error.error-type', 0.65, 'backend', `${name}: errorType ${type}`, { subCause }),
      );
    }
    if ((fn.errors ?? 0) > 0) {
      out.push(
        signal(CLASS, 'lambda-function-error.errors-metric', 0.4, 'metrics', `${name}: Lambda Errors = ${fn.errors}`),
      );
    }
    if (/fail/i.test(fn.state ?? '') || /fail/i.test(fn.lastUpdateStatus ?? '')) {
      out.push(
        signal(
          CLASS,
          'lambda-function-error.function-state',
          0.7,
          'config',
          `${name}: state ${fn.state ?? '?'}, last update ${fn.lastUpdateStatus ?? '?'}`,
          {
            subCause: 'function-state-failed',
          },
        ),
      );
    }
  }
  out.push(
    ...statusSignals(
      context,
      CLASS,
      'lambda-function-error.status-502',
      0.2,
      (status, line) =>
        status === 502 &&
        line.source !== 'lambda-log' &&
        context.integration !== 'http' &&
        context.integration !== 'http-proxy',
    ),
  );
  out.push(...functionCallDeniedSignals(context));
  return out;
}

export const lambdaFunctionErrorRule: ClassRule = {
  class: CLASS,
  logPatterns: [
    { id: 'lambda-function-error.customer-function-error', pattern: /customer\s+function\s+error/i, weight: 0.9 },
    {
      id: 'lambda-function-error.returned-error',
      // "The Lambda function returned the following error" (HTTP API), "lambda handler returned an
      // error" (the Swift runtime's log of a handler error).
      pattern: /lambda\s+(?:function|handler)\s+returned\s+(?:the\s+following\s+)?(?:an?\s+)?error/i,
      weight: 0.85,
    },
    {
      id: 'lambda-function-error.function-error-header',
      pattern: /X-Amz-Function-Error\s*[=:]\s*"?(?:Unhandled|Handled)/i,
      weight: 0.8,
    },
    {
      id: 'lambda-function-error.error-type',
      // Not API Gateway's own x-amzn-ErrorType header (its gateway responses carry one too).
      pattern: /(?<!x-amzn-)"?error(?:Type|Message)"?\s*[:=]\s*"?[A-Za-z[\\]/,
      // API Gateway's own 403 for an unknown route or an unsigned request, whatever key carries it.
      unless: API_GATEWAY_ERROR_TYPE,
      weight: 0.75,
    },
    {
      id: 'lambda-function-error.import-module',
      // Node's module loader names its failures with ERR_* codes: a missing module or package
      // export, or require() of an ES module from CommonJS (ERR_REQUIRE_ESM, e.g. an ESM-only
      // dependency in a CommonJS handler), all fatal at init
      // (https://nodejs.org/api/errors.html#node-error-codes).
      pattern:
        /Runtime\.ImportModuleError|Cannot\s+find\s+module|No\s+module\s+named|Unable\s+to\s+import\s+module|ModuleNotFoundError|ClassNotFoundException|Cannot\s+find\s+package|ERR_(?:MODULE_NOT_FOUND|REQUIRE_ESM|PACKAGE_PATH_NOT_EXPORTED|UNSUPPORTED_DIR_IMPORT|UNKNOWN_FILE_EXTENSION)\b|require\(\)\s+of\s+ES\s+Module|Could\s+not\s+load\s+file\s+or\s+assembly/i,
      weight: 0.9,
      specific: true,
      notIntegrations: ['http', 'http-proxy', 'vpc-link'],
      subCause: 'Runtime.ImportModuleError',
    },
    {
      id: 'lambda-function-error.handler-not-found',
      pattern:
        // Node's runtime (or a wrapper layer that loads the handler for it) finding something other
        // than a function under the configured handler name: "TypeError: handler is not a function".
        // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
        /Runtime\.HandlerNotFound|\bhandler\s+(?:is\s+)?(?:undefined|not\s+(?:found|defined|a\s+function))|Handler\s+'?[\w.]+'?\s+missing/i,
      weight: 0.9,
      specific: true,
      notIntegrations: ['http', 'http-proxy', 'vpc-link'],
      subCause: 'Runtime.HandlerNotFound',
    },
    {
      id: 'lambda-function-error.syntax-error',
      pattern: /Runtime\.UserCodeSyntaxError|\bSyntaxError:/,
      weight: 0.85,
      specific: true,
      subCause: 'Runtime.UserCodeSyntaxError',
    },
    {
      id: 'lambda-function-error.out-of-memory',
      pattern:
        /Runtime\s+exited\s+with\s+error:\s*signal:\s*killed|Runtime\.OutOfMemory|heap\s+out\s+of\s+memory|\bMemoryError\b|OutOfMemoryError|\bout\s+of\s+memory\b|Cannot\s+allocate\s+memory/i,
      weight: 0.85,
      specific: true,
      subCause: 'out-of-memory',
    },
    {
      // An extension (a layer's process beside the runtime: an APM agent, a secrets cache, Bref's
      // PHP-FPM) crashed or exited: Lambda fails the invocation and resets the environment, and
      // reports the error type Extension.Crash ("Error: exit status 255 Extension.Crash").
      // https://docs.aws.amazon.com/lambda/latest/dg/runtimes-extensions-api.html
      id: 'lambda-function-error.extension-crash',
      pattern: /\bExtension\.(?:Crash|InitError|ExitError|Unknown)\b/,
      weight: 0.8,
      specific: true,
      subCause: 'extension-crash',
    },
    {
      id: 'lambda-function-error.process-exited',
      pattern:
        /Process\s+exited\s+before\s+completing\s+request|Runtime\s+exited\s+(?:with\s+error|without\s+providing)|Runtime\.ExitError/i,
      weight: 0.8,
      subCause: 'process-exited',
    },
    {
      id: 'lambda-function-error.package-permissions',
      pattern: /\[Errno\s*13\]\s*Permission\s+denied|EACCES:\s*permission\s+denied[^\n]*\/var\/task/i,
      weight: 0.85,
      specific: true,
      subCause: 'package-file-permissions',
    },
    {
      id: 'lambda-function-error.function-role-denied',
      pattern: /AccessDenied(?:Exception)?|is\s+not\s+authorized\s+to\s+perform|UnauthorizedOperation/i,
      weight: 0.6,
      sources: ['lambda-log'],
      subCause: 'function-role-access-denied',
    },
    {
      id: 'lambda-function-error.function-role-denied',
      pattern: /AccessDenied(?:Exception)?|is\s+not\s+authorized\s+to\s+perform|UnauthorizedOperation/i,
      weight: 0.6,
      with: FUNCTION_ERROR_WRAPPER,
      subCause: 'function-role-access-denied',
    },
    {
      id: 'lambda-function-error.unhandled',
      pattern:
        /Uncaught\s+Exception|Unhandled\s*Promise\s*Rejection|Runtime\.UnhandledPromiseRejection|Traceback\s+\(most\s+recent\s+call\s+last\)|Exception\s+in\s+thread|unhandled\s+exception/i,
      weight: 0.65,
    },
    {
      id: 'lambda-function-error.runtime-error',
      pattern: /\bRuntime\.[A-Z]\w*Error\b|INIT_REPORT[^\n]*Status:\s*error/,
      weight: 0.7,
    },
    { id: 'lambda-function-error.report-status-error', pattern: /^REPORT\b[^\n]*\bStatus:\s*error\b/i, weight: 0.6 },
    {
      id: 'lambda-function-error.error-level',
      pattern: /^\[ERROR\]|\bERROR\b\s+(?:Invoke\s+Error|Unhandled)/,
      weight: 0.5,
      sources: ['lambda-log'],
    },
    {
      // Lambda's own Invoke errors for a function it cannot start: KMSAccessDeniedException ("Lambda
      // was unable to decrypt the environment variables because KMS access was denied"), ENI and
      // subnet limits of a VPC function, EFS mount failures, a function not ready. API Gateway's
      // log often shows only the error's message, which Lambda words as "Lambda was not able to
      // create an ENI in the VPC of the Lambda function because the limit for Network Interfaces
      // has been reached." / "Lambda was unable to ...".
      // https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors
      id: 'lambda-function-error.lambda-service-error',
      pattern:
        /lambda\s+invocation\s+failed\s+with\s+status:?\s*5\d\d|KMS(?:AccessDenied|Disabled|NotFound|InvalidState)Exception|unable\s+to\s+decrypt\s+the\s+environment\s+variables|\bLambda\s+was\s+(?:not\s+able|unable)\s+to\b|EC2ThrottledException|ENILimitReachedException|SubnetIPAddressLimitReachedException|Invalid(?:Subnet|SecurityGroup)IDException|EFSMount\w*Exception|ResourceNotReadyException/i,
      weight: 0.6,
      subCause: 'lambda-service-error',
    },
    // Behind a Lambda integration a connection failure the function prints is its own dependency
    // failing (connection-failure.ts).
    ...connectionFailurePatterns({
      id: 'lambda-function-error.downstream-unreachable',
      weight: 0.6,
      sources: ['lambda-log', 'unknown'],
      integrations: LAMBDA_INTEGRATIONS,
      // A client that says it will retry or reconnect has not failed the request (yet).
      unless: /\b(?:retry(?:ing)?|reconnect(?:ing|ed)?|will\s+retry|attempt\s+\d+\s+of)\b/i,
      subCause: 'downstream-unreachable',
    }),
    ...RUNTIME_TRACE_PATTERNS,
  ],
  signals,
};
