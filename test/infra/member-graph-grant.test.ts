/**
 * The incident graph's GetMetricWidgetImage: granted from the one list of reads
 * (lib/responder/diagnosis-permissions.ts) to the responder's role and to each member account's
 * read role alike, where the graph is posted (Slack in bot mode, or Jira); neither has it otherwise.
 * The member draws its own APIs' graphs: the central account cannot draw a member's metrics
 * without cross-account observability (functions/notify/graph/account-graph.ts).
 */
import { Template } from 'aws-cdk-lib/assertions';
import type { AppConfig } from '../../lib';
import { buildApp } from '../../lib';
import { buildMemberApp } from '../../lib/cross-account/member-app';
import { asList, FULL_CONFIG, NO_BUNDLING, policyStatements } from './support';

const CENTRAL = '123456789012';
const MEMBER = '111122223333';
const WITH_ROLE: AppConfig = {
  ...FULL_CONFIG,
  stackName: 'MemberGraphTest',
  env: { account: CENTRAL, region: 'eu-west-1' },
  trustedAccounts: [MEMBER],
  crossAccountRoles: { [MEMBER]: `arn:aws:iam::${MEMBER}:role/apigw-responder-read` },
};
/** Slack by webhook and no Jira: the graph is linked in the console, never drawn by the responder. */
const NO_IMAGE: AppConfig = {
  ...WITH_ROLE,
  destinations: {
    slack: { mode: 'webhook', webhookSecret: 'responder/slack' },
    webhook: { secret: 'responder/webhook' },
  },
};

const member = (config: AppConfig): Template =>
  Template.fromStack(
    buildMemberApp(config, {
      context: { principalArns: `arn:aws:iam::${CENTRAL}:role/R`, account: MEMBER, region: 'eu-west-1' },
    }).stack,
  );
const central = (config: AppConfig): Template => Template.fromStack(buildApp(config, NO_BUNDLING).stack);

/** The resources of every statement granting GetMetricWidgetImage. */
const widgetGrants = (template: Template): unknown[] =>
  policyStatements(template)
    .filter((s) => asList(s.Action).includes('cloudwatch:GetMetricWidgetImage'))
    .map((s) => s.Resource);

describe('cloudwatch:GetMetricWidgetImage', () => {
  it("is granted to the member's read role (on '*', the only resource it supports) as to the responder", () => {
    expect(widgetGrants(member(WITH_ROLE))).toEqual(['*']);
    expect(widgetGrants(central(WITH_ROLE))).toEqual(['*']);
  });

  it('is granted to neither when no destination posts the graph image', () => {
    expect(widgetGrants(member(NO_IMAGE))).toEqual([]);
    expect(widgetGrants(central(NO_IMAGE))).toEqual([]);
  });
});
