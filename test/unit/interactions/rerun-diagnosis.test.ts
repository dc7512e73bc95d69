/**
 * Slack's "Re-run diagnosis" diagnoses as the responder does: through the same pipeline, with the
 * configured probes (here only the metrics probe) rather than every probe, and for a cross-account
 * metric alarm in the API's account.
 */
import { createAwsClients } from '../../../functions/diagnosis/clients';
import { NO_NETWORK_HANDLER } from '../../../functions/diagnosis/recording';
import { SIGNING_SECRET_ENV } from '../../../functions/interactions/env-names';
import { rerunDiagnosis } from '../../../functions/interactions/rerun';
import { createInteractionsRuntime } from '../../../functions/interactions/wiring';
import { buildSummary } from '../../../functions/notify/summary';
import type { DiagnosisPipeline } from '../../../functions/responder/diagnosis-pipeline';
import { RUNTIME_CONFIG_ENV } from '../../../functions/runtime-config';
import type { Diagnosis, Incident } from '../../../functions/types';
import { RUNTIME_CONFIG } from '../../support/runtime-config';

/** Only the metrics probe is configured. */
const CONFIG = RUNTIME_CONFIG;

const incident = (metricAccount?: string): Incident => ({
  alarmName: 'apigw-responder-REST-orders-api-prod-5xx-count',
  alarmArn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:apigw-responder-REST-orders-api-prod-5xx-count',
  state: 'ALARM',
  stateChangeTime: '2025-05-01T12:03:00.000Z',
  region: 'eu-west-1',
  accountId: '123456789012',
  api: { kind: 'REST', name: 'orders-api', stage: 'prod' },
  metric: metricAccount === undefined ? {} : { accountId: metricAccount },
  window: { start: '2025-05-01T11:48:00.000Z', end: '2025-05-01T12:03:00.000Z' },
  source: 'sns',
});

const opening = (metricAccount?: string) =>
  buildSummary({ incident: incident(metricAccount), kind: 'open', incidentId: 'orders-api-prod-x' });

// Nothing here may reach a real endpoint, even a client built without the test's options.
const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'eu-west-1',
  });
});
afterAll(() => {
  process.env = saved;
});

it('runs only the configured probes, through the clients the pipeline is given', async () => {
  const calls: string[] = [];
  const runtime = createInteractionsRuntime({
    env: { [RUNTIME_CONFIG_ENV]: JSON.stringify(CONFIG), [SIGNING_SECRET_ENV]: 'signing', AWS_REGION: 'eu-west-1' },
    rejected: () => undefined,
    secrets: () => Promise.reject(new Error('no secrets in this test')),
    clients: (region) =>
      Promise.resolve(
        createAwsClients({
          region,
          endpoint: 'http://127.0.0.1:9',
          credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
          requestHandler: NO_NETWORK_HANDLER,
          maxAttempts: 1,
          onCall: (operation) => calls.push(operation),
        }),
      ),
  });

  const fresh = await runtime.worker.rerun(opening(), false);

  expect(fresh).toEqual(expect.objectContaining({ kind: 'update', incidentId: 'orders-api-prod-x' }));
  // Every call is refused: each probe that ran says what it could not check. Only the metrics probe ran.
  const probed = fresh.notChecked.filter((n) => n.why !== 'not available to the classifier').map((n) => n.what);
  expect(probed).toEqual(['API metrics']);
  expect(calls).toContain('CloudWatch.GetMetricData');
  // The other probes' services: logs, Lambda, CloudTrail, X-Ray are not configured here.
  expect(calls.filter((c) => /^(CloudWatchLogs|Lambda|CloudTrail|XRay)\./.test(c))).toEqual([]);
}, 60_000);

it('diagnoses a cross-account metric alarm’s API in the metric’s account', async () => {
  const seen: Incident[] = [];
  const pipeline: DiagnosisPipeline = {
    diagnose: (inc) => {
      seen.push(inc);
      return Promise.resolve({
        incident: inc,
        findings: [],
        probes: [],
        startedAt: inc.window.end,
        durationMs: 1,
        cutShort: false,
      } satisfies Diagnosis);
    },
    classify: () =>
      Promise.resolve({ class: 'UNKNOWN', confidence: 0, evidence: [], hypotheses: [], missing: [] } as never),
    remediate: () => Promise.resolve(undefined),
    buildSummary: (request) => Promise.resolve(buildSummary(request)),
  };
  const fresh = await rerunDiagnosis(pipeline, opening('222222222222'), Date.parse('2025-05-01T12:10:00Z'));
  expect(seen[0]?.metric.accountId).toBe('222222222222');
  expect(fresh.apiAccountId).toBe('222222222222');
});
