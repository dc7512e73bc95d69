/**
 * Lambda: the emulator's CloudFormation creates functions and permissions, but skips event-invoke
 * configs and function URLs and drops tracing; their own APIs create and repair them.
 */
import {
  AddPermissionCommand,
  CreateFunctionUrlConfigCommand,
  DeleteFunctionEventInvokeConfigCommand,
  DeleteFunctionUrlConfigCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  LambdaClient,
  PutFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import type { CreateFunctionUrlConfigCommandInput, FunctionUrlAuthType } from '@aws-sdk/client-lambda';
import { pick } from './pick';
import type { Properties, ResourceContext, ResourceHandler } from './resource-handler';

const client = (context: ResourceContext): LambdaClient => new LambdaClient(context.clientConfig);
const functionArn = (name: string, context: ResourceContext): string =>
  name.startsWith('arn:') ? name : `arn:aws:lambda:${context.region}:${context.account}:function:${name}`;

async function readFunction(name: string, properties: Properties, context: ResourceContext): Promise<Properties> {
  const lambda = client(context);
  const configuration = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
  const deployed: Record<string, unknown> = {
    ...pick(configuration, properties, ['Runtime', 'Handler', 'MemorySize', 'Timeout', 'Role', 'Description']),
    Architectures: configuration.Architectures,
    TracingConfig: { Mode: configuration.TracingConfig?.Mode ?? 'PassThrough' },
    Environment: { Variables: configuration.Environment?.Variables ?? {} },
  };
  if ('LoggingConfig' in properties) {
    deployed['LoggingConfig'] = pick(configuration.LoggingConfig, properties['LoggingConfig'] as Properties);
  }
  const concurrency = await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }));
  if (concurrency.ReservedConcurrentExecutions !== undefined || 'ReservedConcurrentExecutions' in properties) {
    deployed['ReservedConcurrentExecutions'] = concurrency.ReservedConcurrentExecutions;
  }
  return deployed;
}

export const lambdaFunction: ResourceHandler = {
  attributes: (name, context) => ({ Arn: functionArn(name, context) }),
  read: readFunction,
  defaults: { Architectures: ['x86_64'], TracingConfig: { Mode: 'PassThrough' }, Environment: { Variables: {} } },
  emulatorLimits: {
    Architectures:
      'always x86_64: its CloudFormation drops the property, and only UpdateFunctionCode (new code) could set it',
    TracingConfig:
      'always PassThrough: its CloudFormation drops the property and UpdateFunctionConfiguration ignores it',
    LoggingConfig: 'not stored: its CloudFormation drops the property and GetFunctionConfiguration never returns it',
  },
};

export const eventInvokeConfig: ResourceHandler = {
  async create(_logicalId, properties, context) {
    const input = {
      FunctionName: String(properties['FunctionName']),
      Qualifier: String(properties['Qualifier']),
      ...pick(properties, properties, ['MaximumRetryAttempts', 'MaximumEventAgeInSeconds', 'DestinationConfig']),
    };
    await client(context).send(new PutFunctionEventInvokeConfigCommand(input));
    return `${input.FunctionName}|${input.Qualifier}`;
  },
  async remove(_id, properties, context) {
    await client(context).send(
      new DeleteFunctionEventInvokeConfigCommand({
        FunctionName: String(properties['FunctionName']),
        Qualifier: String(properties['Qualifier']),
      }),
    );
  },
  async read(_id, properties, context) {
    const found = await client(context).send(
      new GetFunctionEventInvokeConfigCommand({
        FunctionName: String(properties['FunctionName']),
        Qualifier: String(properties['Qualifier']),
      }),
    );
    return pick(found, properties, ['MaximumRetryAttempts', 'MaximumEventAgeInSeconds', 'DestinationConfig']);
  },
};

interface PolicyStatement {
  readonly Sid?: string;
  readonly Action?: string;
  readonly Principal?: string | { readonly Service?: string; readonly AWS?: string };
  readonly Condition?: Record<string, Record<string, string>>;
}

function principalOf(statement: PolicyStatement): string | undefined {
  const principal = statement.Principal;
  return typeof principal === 'string' ? principal : (principal?.Service ?? principal?.AWS);
}

export const permission: ResourceHandler = {
  async create(logicalId, properties, context) {
    await client(context).send(
      new AddPermissionCommand({
        StatementId: logicalId,
        FunctionName: String(properties['FunctionName']),
        Action: String(properties['Action']),
        Principal: String(properties['Principal']),
        ...pick(properties, properties, ['SourceArn', 'SourceAccount', 'FunctionUrlAuthType']),
      }),
    );
    return logicalId;
  },
  async read(_id, properties, context) {
    const found = await client(context).send(
      new GetPolicyCommand({ FunctionName: String(properties['FunctionName']) }),
    );
    const statements = (JSON.parse(found.Policy ?? '{"Statement":[]}') as { Statement: PolicyStatement[] }).Statement;
    // The emulator's CloudFormation gives permissions no physical id: find the statement by what it grants.
    const match = statements.find(
      (statement) =>
        principalOf(statement) === properties['Principal'] &&
        (properties['SourceArn'] === undefined ||
          statement.Condition?.['ArnLike']?.['AWS:SourceArn'] === properties['SourceArn']),
    );
    if (match === undefined) return { Principal: undefined };
    return {
      Action: match.Action,
      Principal: principalOf(match),
      ...(properties['SourceArn'] === undefined ? {} : { SourceArn: match.Condition?.['ArnLike']?.['AWS:SourceArn'] }),
    };
  },
};

export const functionUrl: ResourceHandler = {
  attributes: (name, context) => ({
    FunctionArn: functionArn(name, context),
    FunctionUrl: `http://${name}.lambda-url.local/`,
  }),
  async create(_logicalId, properties, context) {
    const input: CreateFunctionUrlConfigCommandInput = {
      FunctionName: String(properties['TargetFunctionArn']),
      AuthType: properties['AuthType'] as FunctionUrlAuthType,
      ...pick(properties, properties, ['Qualifier', 'Cors', 'InvokeMode']),
    };
    await client(context).send(new CreateFunctionUrlConfigCommand(input));
    return input.FunctionName ?? '';
  },
  async remove(target, _properties, context) {
    await client(context).send(new DeleteFunctionUrlConfigCommand({ FunctionName: target }));
  },
  async read(target, properties, context) {
    const found = await client(context).send(new GetFunctionUrlConfigCommand({ FunctionName: target }));
    return pick(found, properties, ['AuthType', 'Cors', 'InvokeMode']);
  },
};
