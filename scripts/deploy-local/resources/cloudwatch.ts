/** AWS::CloudWatch::Alarm: the emulator's CloudFormation skips alarms; PutMetricAlarm creates them. */
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import type { PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import { pick } from './pick';
import type { ResourceHandler } from './resource-handler';

export const alarm: ResourceHandler = {
  attributes: (name, context) => ({ Arn: `arn:aws:cloudwatch:${context.region}:${context.account}:alarm:${name}` }),
  async create(logicalId, properties, context) {
    const name =
      typeof properties['AlarmName'] === 'string' ? properties['AlarmName'] : context.generatedName(logicalId, 255);
    // The template's property names are PutMetricAlarm's parameter names.
    const input = { ...properties, AlarmName: name } as unknown as PutMetricAlarmCommandInput;
    await new CloudWatchClient(context.clientConfig).send(new PutMetricAlarmCommand(input));
    return name;
  },
  async remove(name, _properties, context) {
    await new CloudWatchClient(context.clientConfig).send(new DeleteAlarmsCommand({ AlarmNames: [name] }));
  },
  async read(name, properties, context) {
    const found = await new CloudWatchClient(context.clientConfig).send(
      new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm'] }),
    );
    const deployed = found.MetricAlarms?.[0];
    if (deployed === undefined) throw new Error(`alarm ${name} not found`);
    return pick(deployed, properties);
  },
  defaults: { ActionsEnabled: true },
};
