/** The SDK clients seeding uses, all pointed at the local emulator with its dummy credentials. */
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { AwsCredentialIdentity } from '@smithy/types';
import { SANDBOX_REGION } from './env';

export interface SeedClients {
  readonly apiGateway: APIGatewayClient;
  readonly apiGatewayV2: ApiGatewayV2Client;
  readonly lambda: LambdaClient;
  readonly logs: CloudWatchLogsClient;
  readonly cloudWatch: CloudWatchClient;
}

/**
 * `credentials`: the emulator's dummy ones (its default account), or credentials from STS
 * AssumeRole, which the emulator ties to the role's account (seeding another account).
 */
export function seedClients(
  endpoint: string,
  region = SANDBOX_REGION,
  credentials: AwsCredentialIdentity = { accessKeyId: 'testing', secretAccessKey: 'testing' },
): SeedClients {
  const config = { endpoint, region, credentials, maxAttempts: 2 };
  return {
    apiGateway: new APIGatewayClient(config),
    apiGatewayV2: new ApiGatewayV2Client(config),
    lambda: new LambdaClient(config),
    logs: new CloudWatchLogsClient(config),
    cloudWatch: new CloudWatchClient(config),
  };
}
