/** AWS::Events::Rule: read back with its pattern and targets; created with PutRule/PutTargets if skipped. */
import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import type { Target } from '@aws-sdk/client-eventbridge';
import { pick } from './pick';
import type { ResourceHandler } from './resource-handler';

const ruleName = (id: string): string => (id.startsWith('arn:') ? (id.split('/').pop() ?? id) : id);

export const rule: ResourceHandler = {
  attributes: (id, context) => ({ Arn: `arn:aws:events:${context.region}:${context.account}:rule/${ruleName(id)}` }),
  async create(logicalId, properties, context) {
    const events = new EventBridgeClient(context.clientConfig);
    const name = typeof properties['Name'] === 'string' ? properties['Name'] : context.generatedName(logicalId, 64);
    await events.send(
      new PutRuleCommand({
        Name: name,
        ...pick(properties, properties, ['Description', 'ScheduleExpression', 'State', 'EventBusName']),
        ...(properties['EventPattern'] === undefined
          ? {}
          : { EventPattern: JSON.stringify(properties['EventPattern']) }),
      }),
    );
    const targets = (properties['Targets'] ?? []) as Target[];
    if (targets.length > 0) await events.send(new PutTargetsCommand({ Rule: name, Targets: targets }));
    return name;
  },
  async remove(name, properties, context) {
    const events = new EventBridgeClient(context.clientConfig);
    const ids = ((properties['Targets'] ?? []) as Target[]).map((target) => target.Id ?? '');
    if (ids.length > 0) await events.send(new RemoveTargetsCommand({ Rule: name, Ids: ids }));
    await events.send(new DeleteRuleCommand({ Name: name }));
  },
  async read(id, properties, context) {
    const events = new EventBridgeClient(context.clientConfig);
    const name = ruleName(id);
    const found = await events.send(new DescribeRuleCommand({ Name: name }));
    const deployed: Record<string, unknown> = {
      ...pick(found, properties, ['Description', 'ScheduleExpression', 'State']),
      ...(found.EventPattern === undefined ? {} : { EventPattern: JSON.parse(found.EventPattern) as unknown }),
    };
    if ('Targets' in properties) {
      const targets = await events.send(new ListTargetsByRuleCommand({ Rule: name }));
      deployed['Targets'] = targets.Targets ?? [];
    }
    return deployed;
  },
  defaults: { State: 'ENABLED' },
};
