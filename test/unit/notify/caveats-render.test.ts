/**
 * Review 6 #5: "alarm state not verified" and "diagnosis not run" reach the top of every short
 * rendering (Teams' card, the PagerDuty trigger, the OpsItem's 2,048 characters), not only the
 * "Could not check" list at the bottom that those renderings cut or never show.
 */
import { CreateOpsItemCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { readRoleUnavailableFinding } from '../../../functions/cross-account/cross-account-diagnosis';
import { ReadRoleUnavailableError } from '../../../functions/cross-account/read-role-sessions';
import { deliverAll } from '../../../functions/notify/deliver';
import { createNotifiers } from '../../../functions/notify/notifiers';
import { pagerDutyEvent } from '../../../functions/notify/pagerduty-notifier';
import { renderSlackParent } from '../../../functions/notify/render-slack-parent';
import { renderTeamsCard } from '../../../functions/notify/render-teams';
import { unverifiedLine } from '../../../functions/provenance/unverified';
import type { IncidentSummary } from '../../../functions/types';
import { later } from './support/fake';
import { recordingSleep, secretsOf } from './support/recording-sleep';
import { openSummary } from './support/summaries';

const MEMBER = '111122223333';
const UNVERIFIED = `alarm state not verified in CloudWatch: the read role for account ${MEMBER} was still unavailable after the retries (STS: Throttling: Rate exceeded); acted on the notification's checked claims`;
const NOT_RUN = readRoleUnavailableFinding(
  new ReadRoleUnavailableError(MEMBER, `arn:aws:iam::${MEMBER}:role/apigw-responder-read`, 'Throttling: Rate exceeded'),
);
const summary = (): IncidentSummary => {
  const open = openSummary();
  return { ...open, alarmStateUnverified: UNVERIFIED, notChecked: [...open.notChecked, NOT_RUN] };
};

it("Teams' ALARM card says both in its top container", () => {
  const card = renderTeamsCard(summary());
  const top = JSON.stringify(card.body[0]).replaceAll('\\\\', '');
  expect(top).toContain('alarm state not verified in CloudWatch');
  expect(top).toContain('diagnosis not run: read role unavailable');
});

it('a PagerDuty trigger carries both in custom_details and ends its summary with "(unverified)"', () => {
  const event = pagerDutyEvent(summary(), 'routing-key') as {
    payload: { summary: string; custom_details: Record<string, unknown> };
  };
  expect(event.payload.summary).toMatch(/ \(unverified\)$/);
  expect(event.payload.custom_details.alarm_state_unverified).toBe(UNVERIFIED);
  expect(JSON.stringify(event.payload.custom_details.caveats)).toContain('diagnosis not run: read role unavailable');
});

it("an OpsItem's description (2,048 characters) keeps both", async () => {
  const ssm = mockClient(SSMClient);
  ssm.on(CreateOpsItemCommand).resolves({ OpsItemId: 'oi-1' });
  const ops = createNotifiers(
    { opsItem: { enabled: true, severity: '1' } },
    { secrets: secretsOf({}), region: 'eu-west-1', ssm: new SSMClient({ region: 'eu-west-1' }) },
  );
  await deliverAll(summary(), ops, {}, { deadline: later(), sleep: recordingSleep().sleep });
  const description = ssm.commandCalls(CreateOpsItemCommand)[0]?.args[0].input.Description ?? '';
  expect(description.length).toBeLessThanOrEqual(2048);
  expect(description).toContain('alarm state not verified in CloudWatch');
  expect(description).toContain('diagnosis not run: read role unavailable');
  ssm.restore();
});

it("the Slack parent keeps a long caveat's instruction, which comes last (not cut at 200 characters)", () => {
  const denied = unverifiedLine({
    kind: 'alarm-read-denied',
    account: MEMBER,
    reason: `AccessDenied: User: arn:aws:sts::123456789012:assumed-role/apigw-responder-read/apigw-responder@REST.orders-api.prod is not authorized to perform: cloudwatch:DescribeAlarms`,
  });
  const parent = JSON.stringify(
    renderSlackParent({ ...openSummary(), alarmStateUnverified: denied, notChecked: [NOT_RUN] }),
  );
  expect(parent).toContain("redeploy the member's read role");
  expect(parent).toContain('diagnosis not run: read role unavailable');
});
