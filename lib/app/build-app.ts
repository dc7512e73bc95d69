/**
 * Builds the standalone CDK app from a config: validates it, adds the stack and registers
 * cdk-nag. bin/app.ts and the infrastructure tests share it, so the tests check what deploys.
 */
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { AppConfig } from '../config/config';
import { ConfigError } from '../config/config-error';
import { ApiGatewayResponderStack } from './api-gateway-responder-stack';
import { validateAppConfig } from './validate-app-config';

export interface BuiltApp {
  readonly app: App;
  readonly stack: ApiGatewayResponderStack;
}

export function buildApp(config: AppConfig, appProps: AppProps = {}): BuiltApp {
  const { stackName, env } = validateAppConfig(config);
  const { stackName: _stackName, env: _env, ...responderConfig } = config;
  const app = new App(appProps);
  const stack = new ApiGatewayResponderStack(app, stackName, {
    config: responderConfig,
    ...(env === undefined ? {} : { env }),
    description: 'apigw-responder: API Gateway 5XX/latency alarms and the responder that diagnoses them',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

/**
 * For a CDK app's entry point (bin/app.ts, a config file chosen at run time): an invalid config
 * stops synth with its message naming the field and how to fix it, and exit code 1.
 */
export function buildAppOrExit(config: AppConfig): void {
  try {
    buildApp(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The message is the whole story; a stack trace would only bury it.
    console.error(error.message);
    process.exit(1);
  }
}
