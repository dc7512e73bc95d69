/**
 * The scenario's backend function on the emulator: its execution role, its configuration (the
 * settings the scenario's failure depends on) and the permission that lets the API invoke it.
 */
import { AddPermissionCommand, CreateFunctionCommand, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { handlerZip } from './handler-zip';
import type { ScenarioFailure } from './scenarios';
import type { SeedClients } from './seed-clients';

/**
 * Creates an IAM role on the emulator. The project has no IAM client, so this is the one raw
 * query-protocol call; the emulator routes it by the credential scope and checks no signature,
 * and puts the role in the account of the clients' access key (an assumed role's account).
 */
async function ensureRole(clients: SeedClients, roleName: string): Promise<string> {
  const endpoint = await clients.lambda.config.endpoint?.();
  if (endpoint === undefined) throw new Error('seeding needs an explicit emulator endpoint');
  const { accessKeyId } = await clients.lambda.config.credentials();
  const url = `${endpoint.protocol}//${endpoint.hostname}${endpoint.port === undefined ? '' : `:${endpoint.port}`}/`;
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  const body = new URLSearchParams({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: roleName,
    AssumeRolePolicyDocument: trust,
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body,
  });
  const text = await response.text();
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(text)?.[1];
  if (!response.ok || arn === undefined)
    throw new Error(`could not create role ${roleName}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return arn;
}

/** Creates the function as the scenario configures it; returns its ARN. */
export async function createBackendFunction(
  clients: SeedClients,
  input: {
    readonly apiName: string;
    readonly functionName: string;
    readonly failure: ScenarioFailure;
    readonly region: string;
    readonly accountId: string;
  },
): Promise<string> {
  const { apiName, functionName, failure, region, accountId } = input;
  // The emulator checks that the function's role exists.
  const roleArn = await ensureRole(clients, `${apiName}-handler-role`);
  const fn = await clients.lambda.send(
    new CreateFunctionCommand({
      FunctionName: functionName,
      Runtime: 'nodejs20.x',
      Role: roleArn,
      Handler: 'index.handler',
      Code: { ZipFile: handlerZip() },
      Timeout: failure.timeoutSeconds,
      MemorySize: failure.memoryMb,
      Environment: { Variables: { TABLE_NAME: 'orders', DB_PASSWORD: 'not-a-real-secret' } },
    }),
  );
  const functionArn = fn.FunctionArn ?? `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
  if (failure.reservedConcurrency !== undefined) {
    await clients.lambda.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: functionName,
        ReservedConcurrentExecutions: failure.reservedConcurrency,
      }),
    );
  }
  return functionArn;
}

/** The resource policy statement API Gateway needs to call the function on GET /orders. */
export async function allowApiToInvoke(
  clients: SeedClients,
  input: { readonly functionName: string; readonly region: string; readonly accountId: string; readonly apiId: string },
): Promise<void> {
  const { functionName, region, accountId, apiId } = input;
  await clients.lambda.send(
    new AddPermissionCommand({
      FunctionName: functionName,
      StatementId: 'apigateway-invoke',
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: `arn:aws:execute-api:${region}:${accountId}:${apiId}/*/GET/orders`,
    }),
  );
}
