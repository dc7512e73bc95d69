/**
 * LAMBDA_FUNCTION_ERROR, continued: what the backend function prints when it fails, in each
 * common Lambda runtime, and the default error bodies of the frameworks that wrap a handler. They
 * point to the function even when API Gateway's own lines are missing (execution logging off,
 * HTTP APIs). Each pattern names the runtime's documented error shape, never an application's
 * own words.
 */
import type { LogPattern } from '../rule';
import { LAMBDA_INTEGRATIONS } from './connection-failure';

/**
 * Error types only API Gateway itself answers with (a gateway response, never a function's):
 * MissingAuthenticationTokenException is the 403 for an unknown route or an unsigned request.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
export const API_GATEWAY_ERROR_TYPE = /MissingAuthenticationToken(?:Exception)?/;

/**
 * Exception names a handler maps to a 4xx answer (an expired token, a missing record, invalid
 * input, a conditional write that lost): the function answered, it did not fail.
 */
const CLIENT_ERROR_NAME = String.raw`\w*(?:Expired|Invalid|Unauthori[sz]ed|Forbidden|NotFound|Validation|Signature|BadRequest|ConditionalCheckFailed|Conflict|AlreadyExists)\w*`;

/** Lines a function's own runtime prints (not API Gateway, not the client). */
const BACKEND = ['lambda-log', 'unknown'] as const;

export const RUNTIME_TRACE_PATTERNS: readonly LogPattern[] = [
  {
    // Lambda's documented runtime error types: Runtime.InvalidEntrypoint, Runtime.ExitError,
    // Runtime.Unknown, Runtime.MarshalError, Runtime.InvalidResponse ...
    // https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html
    id: 'lambda-function-error.runtime-error-type',
    pattern:
      /\bRuntime\.(?:InvalidEntrypoint|ExitError|Unknown|MarshalError|InvalidResponse|CallbackHandlerDeprecated|ImportModuleError|HandlerNotFound|UserCodeSyntaxError)\b/,
    weight: 0.8,
    specific: true,
  },
  {
    // Python: the traceback header and its frames ("File "/var/task/app.py", line 12, in handler").
    // https://docs.aws.amazon.com/lambda/latest/dg/python-exceptions.html
    id: 'lambda-function-error.python-traceback',
    pattern: /^Traceback\s+\(most\s+recent\s+call\s+last\)|^\s*File\s+"[^"]+",\s+line\s+\d+,\s+in\s+\S+/,
    weight: 0.7,
    sources: BACKEND,
  },
  {
    // Python: a traceback's last line names the exception by its qualified class when a library
    // defines it ("psycopg2.errors.UndefinedTable: relation ... does not exist",
    // "botocore.exceptions.ClientError: An error occurred ...", "sqlalchemy.exc.OperationalError:"):
    // the library's errors/exceptions module, then the class. Printed by the function's process;
    // only behind a Lambda integration (behind an HTTP backend it is that server's error).
    // https://docs.python.org/3/library/traceback.html
    id: 'lambda-function-error.python-library-exception',
    pattern: /^\s*(?:[a-z_]\w*\.)+(?:errors?|exceptions?|exc)\.[A-Z]\w*:\s/,
    weight: 0.6,
    sources: BACKEND,
    integrations: LAMBDA_INTEGRATIONS,
    unless: new RegExp(String.raw`\.${CLIENT_ERROR_NAME}:\s`),
  },
  {
    // An OS-only or custom runtime (provided.al2, provided.al2023) starts the executable named
    // bootstrap from the package or a layer; without one Lambda reports "Couldn't find valid
    // bootstrap(s): [/var/task/bootstrap /opt/bootstrap]" (Runtime.InvalidEntrypoint) and no
    // invocation runs: a Go binary built under another name after leaving go1.x is the usual case.
    // https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html
    id: 'lambda-function-error.bootstrap-not-found',
    pattern: /couldn[\u2019']?t\s+find\s+valid\s+bootstrap\(s\)/i,
    weight: 0.85,
    specific: true,
    subCause: 'handler-binary-not-startable',
  },
  {
    // The Node.js runtime logs a failed invocation as "<time>\t<request id>\tERROR\tInvoke Error\t{
    // "errorType": ...}": the handler threw or rejected. The prefix (time, id, level) is stripped
    // before the rules read the line, so the message starts with the runtime's own "Invoke Error".
    // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html
    id: 'lambda-function-error.node-invoke-error',
    pattern: /^\s*Invoke\s+Error\b/,
    weight: 0.7,
    sources: BACKEND,
    // Only Lambda's Node.js runtime writes it: behind an HTTP backend the words are someone else's.
    notIntegrations: ['http', 'http-proxy', 'vpc-link'],
  },
  {
    // Lambda's error document ({"errorMessage", "errorType"}) as the runtime's log and the console
    // render it on one line, message first: "[Errno 38] Function not implemented: OSError" (Python),
    // "fork/exec /var/task/bin/ping: no such file or directory: PathError" (go1.x), "One or more
    // errors occurred. (...): AggregateException" (.NET), each followed by its stack trace when one
    // was captured. The type names the exception the handler let escape, so the invocation failed.
    // Not API Gateway's own error types (its x-amzn-ErrorType header, an execution log's
    // "... UTC 2016 : AuthorizerConfigurationException" has no message) nor Lambda's "Error Type:"
    // field of a REPORT line.
    // https://docs.aws.amazon.com/lambda/latest/dg/golang-exceptions.html
    // https://docs.aws.amazon.com/lambda/latest/dg/csharp-exceptions.html
    id: 'lambda-function-error.error-summary-line',
    pattern: /^(?=.*[a-z]).*[^\s:]:\s+(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:Error|Exception)\s*$/,
    // Nor a "type:" field label in any casing, nor an exception a handler answers with a 4xx.
    unless: new RegExp(
      String.raw`x-amzn-|^\s*(?:INIT_)?REPORT\b|\btype:\s|:\s+(?:[A-Za-z_]\w*\.)*${CLIENT_ERROR_NAME}\s*$`,
      'i',
    ),
    weight: 0.6,
    sources: BACKEND,
    // An HTTP backend's server prints its own errors: that is the backend's 5xx.
    notIntegrations: ['http', 'http-proxy', 'vpc-link'],
  },
  {
    // Java: an exception class line ("java.lang.NullPointerException: null"), also as the message
    // of a logging framework's line ("ERROR 8 --- [main] o.s.c.f.a.FunctionInvoker : java.lang.
    // IllegalStateException: ..."), or a frame ("at com.example.Handler.handleRequest(Handler.java:42)").
    // https://docs.aws.amazon.com/lambda/latest/dg/java-exceptions.html
    id: 'lambda-function-error.java-exception',
    pattern:
      /(?:^|\s:\s+)(?:Exception\s+in\s+thread\s+"[^"]*"\s+)?(?:java|javax|jakarta|com|org|software|io)\.[\w.$]+(?:Exception|Error)(?::|\s*$)|^\s*at\s+[\w.$<>]+\([\w$]+\.(?:java|kt|scala):\d+\)/,
    // A Java server behind an HTTP integration prints the same: that is the backend's 5xx.
    notIntegrations: ['http', 'http-proxy', 'vpc-link'],
    weight: 0.7,
    sources: BACKEND,
  },
  {
    // Ruby: a backtrace frame inside the function's environment (its package in /var/task, the
    // runtime's Ruby in /var/lang: "/var/lang/lib/ruby/2.5.0/net/http.rb:939:in `connect'", its
    // layers' gems in /opt), or the Ruby runtime's error type "Function<NameError>".
    // https://docs.aws.amazon.com/lambda/latest/dg/ruby-exceptions.html
    // https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html (layers are under /opt)
    id: 'lambda-function-error.ruby-backtrace',
    pattern: /^\s*(?:from\s+)?\/(?:var\/(?:task|lang|runtime)|opt)\/\S+\.rb:\d+:in\s+[`']|\bFunction<[A-Z][\w:]*>/,
    weight: 0.7,
    sources: BACKEND,
  },
  {
    // Go: a panic, its signal line and the goroutine dump header.
    // https://docs.aws.amazon.com/lambda/latest/dg/golang-exceptions.html
    id: 'lambda-function-error.go-panic',
    pattern:
      /^panic:\s|^\[signal\s+SIG(?:SEGV|BUS|ABRT)\b|^goroutine\s+\d+\s+\[running|calling the handler function resulted in a panic|runtime error: (?:invalid memory address or nil pointer dereference|index out of range|slice bounds out of range|integer divide by zero)/,
    weight: 0.75,
    // Wherever it is quoted (function log, an error JSON the gateway logged): the message is Go's.
    notSources: ['client'],
  },
  {
    // .NET: the exception type in Lambda's error JSON or a stack frame ("at Namespace.Type.Method(...)").
    // https://docs.aws.amazon.com/lambda/latest/dg/csharp-exceptions.html
    id: 'lambda-function-error.dotnet-exception',
    pattern:
      /\bSystem\.[\w.]*Exception\b|"errorType"\s*:\s*"\w*Exception"|Object reference not set to an instance of an object|^\s*"?at\s+(?:Amazon\.Lambda|System)\.[\w.`<>]+\(/,
    weight: 0.7,
    unless: API_GATEWAY_ERROR_TYPE,
  },
  {
    // Node.js: a stack frame in the deployment package. Lambda unpacks the function's code (and its
    // node_modules) into LAMBDA_TASK_ROOT, /var/task, so "at handler (/var/task/index.js:185:13)"
    // is the function's own code failing, whatever the error said on the line above. ES modules
    // print the frame as a file:// URL ("at Runtime.handler (file:///var/task/index.mjs:10:11)").
    // Lambda's error JSON lists the same frames as quoted strings ("stack": ["    at ...",]).
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
    id: 'lambda-function-error.node-stack-frame',
    pattern: /^\s*"?\s*at\s+(?:.*\()?(?:file:\/\/)?\/var\/task\/[^\s)]+\.(?:m?js|cjs|ts):\d+:\d+\)?(?:",?)?\s*$/,
    weight: 0.7,
    sources: BACKEND,
  },
  {
    // Node.js: a frame in the runtime's directory, /var/runtime (LAMBDA_RUNTIME_DIR, which also holds
    // the AWS SDK the runtime bundles: "at Request.extractError (/var/runtime/node_modules/aws-sdk/
    // ...)"), or in a Node layer's modules under /opt/nodejs. It is still the function's process
    // failing, but an SDK error the handler may have caught and answered with its own 5xx (then the
    // proxy response's statusCode says so), so it weighs less than a frame of the handler's code.
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
    // https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html#packaging-layers-paths
    id: 'lambda-function-error.node-runtime-frame',
    pattern:
      /^\s*"?\s*at\s+(?:.*\()?(?:file:\/\/)?\/(?:var\/runtime|opt\/nodejs)\/[^\s)]+\.(?:m?js|cjs):\d+:\d+\)?(?:",?)?\s*$/,
    weight: 0.55,
    sources: BACKEND,
  },
  {
    // Go (go1.x runtime): Lambda could not start the handler binary from the package: missing
    // (wrong handler name or build path), built for another OS/architecture ("exec format error")
    // or not executable. The runtime reports Go's os.PathError.
    // https://docs.aws.amazon.com/lambda/latest/dg/golang-package.html
    id: 'lambda-function-error.go-handler-binary',
    pattern:
      /fork\/exec\s+\/var\/task\/\S+:\s*(?:no\s+such\s+file\s+or\s+directory|exec\s+format\s+error|permission\s+denied)/i,
    weight: 0.85,
    specific: true,
    subCause: 'handler-binary-not-startable',
  },
  {
    // The dynamic loader refused the function's native code: a binary (a custom runtime's
    // bootstrap, a Go or Rust handler) or a native module built against a newer glibc than the
    // runtime's operating system has (Amazon Linux 2: glibc 2.26; Amazon Linux 2023: 2.34), or a
    // shared library the package does not include. The process cannot start, so nothing runs.
    // https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-supported
    id: 'lambda-function-error.native-library-not-loadable',
    // Node's addon loader says the same of a native module built for another platform or Node
    // version: "Module did not self-register", "was compiled against a different Node.js version",
    // "invalid ELF header". https://nodejs.org/api/addons.html
    pattern:
      /version\s+`GLIBC_[\d.]+'\s+not\s+found|error\s+while\s+loading\s+shared\s+libraries:|Module\s+did\s+not\s+self-register|was\s+compiled\s+against\s+a\s+different\s+Node\.js\s+version|invalid\s+ELF\s+header/,
    weight: 0.85,
    specific: true,
    sources: BACKEND,
    notIntegrations: ['http', 'http-proxy', 'vpc-link'],
    subCause: 'native-library-mismatch',
  },
  {
    // The function could not read the event it was given (a handler written for one payload format
    // behind the other: REST v1 vs HTTP API 2.0): the Rust runtime's lambda_http finds no
    // LambdaRequest variant that fits, the Swift runtime reports requestDecoding, Rust's
    // lambda_runtime "failed to deserialize the incoming data".
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
    id: 'lambda-function-error.event-not-decodable',
    pattern: /untagged\s+enum\s+LambdaRequest|\brequestDecoding\(|failed\s+to\s+deserialize\s+the\s+incoming\s+data/,
    weight: 0.75,
    specific: true,
    subCause: 'event-format-mismatch',
  },
  {
    // The runtime could not serialise what the handler returned (Python's Runtime.MarshalError
    // "Unable to marshal response", Bref's "Failed encoding Lambda JSON response" for bytes that are
    // not UTF-8): the invocation fails although the handler finished.
    // https://docs.aws.amazon.com/lambda/latest/dg/python-exceptions.html
    id: 'lambda-function-error.response-not-serialisable',
    pattern: /unable\s+to\s+marshal\s+response|failed\s+encoding\s+lambda\s+json\s+response/i,
    weight: 0.8,
    specific: true,
    subCause: 'response-not-serialisable',
  },
  {
    // Lambda's file system is read-only except /tmp: code that writes next to itself fails with
    // EROFS ("[Errno 30] Read-only file system", Node's "EROFS: read-only file system").
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html
    id: 'lambda-function-error.read-only-file-system',
    pattern: /\[Errno\s*30\]\s*Read-only\s+file\s+system|\bEROFS\b[:,]?\s*read-only\s+file\s+system/i,
    weight: 0.8,
    specific: true,
    subCause: 'read-only-file-system',
  },
  {
    // Python runtimes before 3.8 report a handler module that fails at import as "module
    // initialization error: <the exception>".
    // https://docs.aws.amazon.com/lambda/latest/dg/python-exceptions.html
    id: 'lambda-function-error.module-initialization-error',
    pattern: /\bmodule\s+initiali[sz]ation\s+error\b/i,
    weight: 0.8,
    specific: true,
    subCause: 'init-error',
  },
  {
    // Node.js: a built-in error class thrown from the deployment package (/var/task).
    // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html
    id: 'lambda-function-error.node-exception',
    pattern:
      /\b(?:TypeError|ReferenceError|RangeError|URIError|EvalError):\s.*(?:\/var\/task\/|\bat\s+exports\.handler)/,
    weight: 0.75,
  },
  {
    // Chalice's default body for an unhandled exception in a view: the function failed, the
    // framework answered 500 for it. https://aws.github.io/chalice/topics/views.html#error-handling
    id: 'lambda-function-error.framework-default-body',
    // The body is pretty-printed, so its "Code" line may stand alone.
    pattern: /"Code"\s*:\s*"InternalServerError"\s*(?:,|$)/,
    weight: 0.6,
    subCause: 'framework-caught-exception',
  },
];
