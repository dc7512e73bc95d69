import type { Hypothesis, RemediationStep } from '../../types';
import type { RemediationContext } from '../context';
import { regionFlag, step } from '../commands';

/** A step whose command reads part of the function's configuration (a JMESPath --query). */
function configurationStep(ctx: RemediationContext, title: string, detail: string, query: string): RemediationStep {
  return step(
    ctx,
    title,
    detail,
    ['functionName'],
    () =>
      `aws lambda get-function-configuration --function-name ${ctx.functionName} --query ${query}${regionFlag(ctx)}`,
  );
}

function subCauseSteps(h: Hypothesis, ctx: RemediationContext): RemediationStep[] {
  switch (h.subCause) {
    case 'Runtime.ImportModuleError':
    case 'Runtime.HandlerNotFound':
      return [
        configurationStep(
          ctx,
          'Fix the deployment package: a module or the handler is missing',
          'The runtime could not load the code. Check the handler setting against the file and export names, and that dependencies are bundled into the package (node_modules / site-packages at the zip root, or a layer), built for the function runtime and architecture.',
          '"[Handler,Runtime,Architectures,Layers]"',
        ),
        step(
          ctx,
          'Download the deployed package and list what it contains',
          undefined,
          ['functionName'],
          () =>
            `curl -s -o /tmp/${ctx.functionName}.zip "$(aws lambda get-function --function-name ${ctx.functionName} --query Code.Location --output text${regionFlag(ctx)})" && unzip -l /tmp/${ctx.functionName}.zip | head -50`,
        ),
      ];
    case 'out-of-memory':
      return [
        step(
          ctx,
          'Give the function more memory',
          'Invocations reached the memory size and the runtime was killed. Raise memory (it also adds CPU) and look for data loaded whole into memory.',
          ['functionName'],
          () =>
            `aws lambda update-function-configuration --function-name ${ctx.functionName} --memory-size ${Math.min(10_240, (ctx.functionMemoryMb ?? 512) * 2)}${regionFlag(ctx)}`,
        ),
      ];
    case 'package-file-permissions':
      return [
        {
          title: 'Make the package files readable',
          detail:
            'The runtime cannot read the handler file. Before zipping, run chmod 644 on files and 755 on directories (chmod -R o+rX .), then redeploy the package.',
        },
      ];
    case 'function-role-access-denied':
      return [
        step(
          ctx,
          "Grant the function's execution role the denied action",
          'The function called an AWS service its role may not call. Add the action named in the error to the execution role policy.',
          ['functionName'],
          () =>
            `aws lambda get-function-configuration --function-name ${ctx.functionName} --query Role --output text${regionFlag(ctx)}`,
        ),
      ];
    case 'extension-crash':
      return [
        configurationStep(
          ctx,
          'Find the extension that crashed and remove or upgrade its layer',
          "An extension (a layer's own process: an APM or logging agent, a secrets cache, a PHP-FPM runtime) exited or crashed, so Lambda failed the invocation. Its own log lines, just before Extension.Crash, say why (often a missing API key or secret, or memory). Remove the layer to confirm, then pin a fixed version.",
          '"[Layers[].Arn,MemorySize]"',
        ),
      ];
    case 'native-library-mismatch':
      return [
        configurationStep(
          ctx,
          'Build native code for the function runtime and architecture',
          "A binary or native module was built for another operating system, glibc, Node.js version or CPU. Build it on the runtime's Amazon Linux for the function's architecture (sam build --use-container, a Lambda base image, npm install --os=linux --cpu=x64 or arm64, cargo lambda build), then redeploy.",
          '"[Runtime,Architectures,PackageType]"',
        ),
      ];
    case 'downstream-unreachable':
      return [
        configurationStep(
          ctx,
          "Check the function's network path to what it calls",
          'The function could not reach a dependency (DNS name, database, HTTP service). In a VPC it needs a NAT gateway or VPC endpoints for anything outside the VPC, security groups that allow the outbound traffic, and DNS resolution; also check the dependency itself is up at that address.',
          'VpcConfig',
        ),
      ];
    case 'lambda-service-error':
      return [
        {
          title: 'Check the function configuration Lambda could not use',
          detail:
            'The invoke failed before the code ran (KMS key for environment variables, VPC subnets/ENIs, EFS mount). Check the function state and its last update status.',
        },
      ];
    default:
      return [];
  }
}

export function lambdaFunctionErrorSteps(h: Hypothesis, ctx: RemediationContext): RemediationStep[] {
  return [
    ...subCauseSteps(h, ctx),
    step(
      ctx,
      "Read the function's errors",
      'errorType, errorMessage and the stack trace say which line failed; correlate with the API request ids in the evidence.',
      ['functionName'],
      () =>
        `aws logs filter-log-events --log-group-name /aws/lambda/${ctx.functionName} --filter-pattern '?ERROR ?Exception ?"Task timed out" ?errorType' --max-items 50${regionFlag(ctx)}`,
    ),
    step(
      ctx,
      'Roll back if a recent deployment introduced the error',
      'List the published versions; point the alias the API uses back at the last good one, or redeploy the previous build.',
      ['functionName'],
      () =>
        `aws lambda list-versions-by-function --function-name ${ctx.functionName} --query "Versions[-5:].[Version,LastModified,Description]"${regionFlag(ctx)}`,
    ),
    {
      title: 'Handle errors inside the handler',
      detail:
        'Catch exceptions and return a proxy response with a meaningful 4xx/5xx status and message instead of letting the invocation fail (API Gateway turns an unhandled error into 502).',
    },
  ];
}
