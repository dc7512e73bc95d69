/**
 * Review 6 #10: a "Re-run diagnosis" whose read role STS cannot hand out is logged and counted by
 * the interactions Lambda as the responder does (ReadRoleFailures), not only failed silently.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { ReadRoleUnavailableError, type ReadRoleFailure } from '../../../functions/cross-account/read-role-sessions';
import { SIGNING_SECRET_ENV } from '../../../functions/interactions/env-names';
import { createInteractionsRuntime } from '../../../functions/interactions/wiring';
import { buildSummary } from '../../../functions/notify/summary';
import { RUNTIME_CONFIG_ENV } from '../../../functions/runtime-config';
import { CONFIG, incidentIn, MEMBER } from '../cross-account/support';

it('tells the handler of a read role STS could not hand out, fails the re-run so its queue retries it, and answers on the last receive', async () => {
  const sts = mockClient(STSClient);
  sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
  const failures: ReadRoleFailure[] = [];
  const runtime = createInteractionsRuntime({
    env: { [RUNTIME_CONFIG_ENV]: JSON.stringify(CONFIG), [SIGNING_SECRET_ENV]: 'signing', AWS_REGION: 'eu-west-1' },
    rejected: () => undefined,
    secrets: () => Promise.reject(new Error('no secrets in this test')),
    clients: () => Promise.reject(new Error('no own-account read in this test')),
    readRoleFailed: (error) => failures.push(error),
  });
  const opening = buildSummary({
    incident: incidentIn(MEMBER),
    kind: 'open',
    incidentId: 'orders-api-prod-x',
  });

  await expect(runtime.worker.rerun(opening, false)).rejects.toBeInstanceOf(ReadRoleUnavailableError);

  expect(failures).toEqual([
    expect.objectContaining({ account: MEMBER, reason: expect.stringContaining('Throttling') }),
  ]);

  // The work item's last receive answers in the thread instead of failing into the dead-letter queue.
  const last = await runtime.worker.rerun(opening, true);
  expect(last.notChecked.map((n) => n.why).join(' ')).toContain('diagnosis not run: read role unavailable');
  sts.restore();
});
