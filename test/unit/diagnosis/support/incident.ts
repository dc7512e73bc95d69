/** The REST incident the engine tests diagnose (a 15-minute window ending at the alarm). */
import type { Incident } from '../../../../functions/types';

export const incident: Incident = {
  alarmName: 'orders-prod-5xx',
  alarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-prod-5xx',
  state: 'ALARM',
  stateChangeTime: '2024-05-01T10:30:00Z',
  region: 'us-east-1',
  accountId: '123456789012',
  api: { kind: 'REST', id: 'abc123', name: 'orders', stage: 'prod' },
  metric: {},
  window: { start: '2024-05-01T10:15:00Z', end: '2024-05-01T10:30:00Z' },
  source: 'cli',
};
