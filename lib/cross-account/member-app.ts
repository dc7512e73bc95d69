/**
 * The member-account app (bin/member-read-role.ts): one stack holding the ResponderReadRole, built
 * from the same configuration file as the responder's stack. Settings come from CDK context, so
 * one command per member account deploys it:
 *
 *   npx cdk --app 'npx tsx bin/member-read-role.ts' deploy \
 *     -c principalArns=<the responder stack's ReadRolePrincipal outputs, comma-separated> \
 *     -c account=111122223333 -c region=eu-west-1
 *
 * Optional: -c roleName=... (default apigw-responder-read), -c externalId=..., -c stackName=...,
 * -c responderRegion=... (default: the config's env.region, the responder's own).
 */
import { App, Stack, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { AppConfig } from '../config/config';
import { ResponderReadRole } from './responder-read-role';

export const DEFAULT_MEMBER_STACK_NAME = 'ApiGatewayResponderReadRole';

function contextText(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The member app from a responder config file; settings from `appProps.context` or `-c`. */
export function buildMemberApp(
  config: AppConfig,
  appProps: AppProps = {},
): { app: App; stack: Stack; readRole: ResponderReadRole } {
  // The file's stackName and env are the responder's (central) stack's, not this one's.
  const { stackName: _stackName, env: _env, ...responderConfig } = config;
  const app = new App(appProps);
  const account = contextText(app, 'account');
  const region = contextText(app, 'region');
  const roleName = contextText(app, 'roleName');
  const externalId = contextText(app, 'externalId');
  // The role grants the responder's region (and `regions`), wherever this stack is deployed.
  const responderRegion = contextText(app, 'responderRegion') ?? config.env?.region;
  const stack = new Stack(app, contextText(app, 'stackName') ?? DEFAULT_MEMBER_STACK_NAME, {
    ...(account === undefined && region === undefined ? {} : { env: { account, region } }),
    description: 'apigw-responder: the read role a central responder assumes to diagnose this account',
  });
  const readRole = new ResponderReadRole(stack, 'ReadRole', {
    config: responderConfig,
    principalArns: (contextText(app, 'principalArns') ?? '')
      .split(',')
      .flatMap((arn) => (arn.trim() ? [arn.trim()] : [])),
    ...(roleName === undefined ? {} : { roleName }),
    ...(externalId === undefined ? {} : { externalId }),
    ...(responderRegion === undefined ? {} : { responderRegion }),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, readRole };
}
