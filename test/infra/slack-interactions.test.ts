/** The Slack interactions endpoint: deployed only with a signing secret; a function URL, its queue, its output. */
import { Template } from 'aws-cdk-lib/assertions';
import type { AppConfig } from '../../lib';
import { buildApp } from '../../lib';
import { NO_BUNDLING, resourcesOfType, SLACK_BOT_WITH_BUTTONS } from './support';

const base: AppConfig = {
  stackName: 'InteractionsTest',
  apis: [{ kind: 'REST', name: 'orders-api', stages: ['prod'] }],
  probes: ['metrics'],
};

function synth(config: AppConfig): Template {
  return Template.fromStack(buildApp(config, NO_BUNDLING).stack);
}

describe('SlackInteractions', () => {
  it('deploys a function URL without IAM auth, an SQS work queue and outputs the URL', () => {
    const template = synth({
      ...base,
      destinations: {
        slack: SLACK_BOT_WITH_BUTTONS,
      },
    });
    template.resourceCountIs('AWS::Lambda::Url', 1);
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE' });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs).some((name) => name.includes('InteractionsUrl'))).toBe(true);
    const functions = resourcesOfType(template, 'AWS::Lambda::Function');
    const interactions = Object.values(functions).find((f) =>
      JSON.stringify(f.Properties).includes('SLACK_SIGNING_SECRET_ID'),
    );
    expect(JSON.stringify(interactions?.Properties)).toContain('responder/slack-signing');
    // The responder is told to render the buttons; no secret value is in the template.
    expect(JSON.stringify(template.toJSON())).toContain('\\"interactive\\":true');
    const policies = JSON.stringify(resourcesOfType(template, 'AWS::IAM::Policy'));
    expect(policies).toContain('secret:responder/slack-signing-??????');
  });

  it('is absent without a signing secret, and the parent has no buttons', () => {
    const template = synth({
      ...base,
      destinations: { slack: { mode: 'bot', botTokenSecret: 'responder/slack-bot', channel: '#incidents' } },
    });
    template.resourceCountIs('AWS::Lambda::Url', 0);
    expect(JSON.stringify(template.toJSON())).not.toContain('interactive');
  });

  it("decrypts the Slack block's and every destination's secrets with their customer-managed keys, as the responder does", () => {
    const slackKey = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
    const jiraKey = 'arn:aws:kms:eu-west-1:123456789012:key/66666666-7777-8888-9999-000000000000';
    const template = synth({
      ...base,
      destinations: {
        slack: { ...SLACK_BOT_WITH_BUTTONS, kmsKeyArn: slackKey },
        jira: {
          site: 'https://example.atlassian.net',
          projectKey: 'OPS',
          secret: 'responder/jira',
          kmsKeyArn: jiraKey,
        },
      },
    });
    const policies = Object.values(resourcesOfType(template, 'AWS::IAM::Policy'));
    const interactionsPolicy = policies.find((p) =>
      JSON.stringify(p).includes('secret:responder/slack-signing-??????'),
    );
    const statements = JSON.stringify(interactionsPolicy);
    expect(statements).toContain(slackKey);
    expect(statements).toContain(jiraKey);
    expect(statements).toContain('kms:ViaService');
  });
});
