/**
 * The one opinionated Lambda function construct: every function of the project gets the same
 * runtime, architecture, bundling, tracing and an explicit log group with retention. Stacks never
 * configure a bare NodejsFunction.
 */
import type { Duration } from 'aws-cdk-lib';
import { RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { RESPONDER_BUNDLING } from '../bundling-defaults';

export interface FunctionWithLogGroupProps {
  /** The handler file (TypeScript); it must export `handler`. */
  readonly entry: string;
  /** Memory in MB; every caller states it with its reasoning. */
  readonly memorySize: number;
  /** Every caller states it with its reasoning. */
  readonly timeout: Duration;
  /** Caps parallel executions; undefined reserves nothing (the caller must still say so). */
  readonly reservedConcurrentExecutions: number | undefined;
  readonly logRetention: RetentionDays;
  /** Names and ids only: never secret values. @default none */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default none */
  readonly description?: string;
}

/** Lambda's current Node.js runtime; cdk-nag AwsSolutions-L1 asks for the latest. */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

export class FunctionWithLogGroup extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  /** The function's own role: no managed policies, only what callers add. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: FunctionWithLogGroupProps) {
    super(scope, id);
    // An own role instead of AWSLambdaBasicExecutionRole, which may create and write any log group.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      // Operational logs only; they go with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      runtime: FUNCTION_RUNTIME,
      // Graviton: cheaper per GB-second and at least as fast for this I/O-bound work.
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role,
      description: props.description,
      environment: {
        // Stack traces point at the TypeScript sources.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        // Bundle with the local esbuild: no Docker on CI or developer machines.
        forceDockerBundling: false,
        minify: RESPONDER_BUNDLING.minify,
        sourceMap: RESPONDER_BUNDLING.sourceMap,
        target: RESPONDER_BUNDLING.target,
        externalModules: [...RESPONDER_BUNDLING.externalModules],
        format: OutputFormat.CJS,
      },
    });
    this.logGroup.grantWrite(this.role);
  }
}
