import { buildSummary } from '../../../functions/notify/summary';
import { parseSummary } from '../../../functions/notify/summary-schema';
import type { Diagnosis } from '../../../functions/types';
import { explainedSummary, fixtureNames, incident, loadFixture } from './support/summaries';

const diagnosis: Diagnosis = {
  incident: incident(),
  startedAt: '2024-05-01T12:06:01.000Z',
  durationMs: 3900,
  cutShort: true,
  probes: [
    { probe: 'metrics', status: 'ok', durationMs: 300, awsCalls: ['CloudWatch.GetMetricData'] },
    { probe: 'traces', status: 'timed-out', durationMs: 3000, awsCalls: [] },
  ],
  findings: [
    {
      type: 'metrics',
      probe: 'metrics',
      summary: '412 5XX',
      timestamps: ['2024-05-01T12:03:00Z', '2024-05-01T12:04:00Z'],
      errors5xx: [12, 400],
      errors4xx: [0, 0],
      requests: [100, 2139],
      total5xx: 412,
      total4xx: 0,
      totalRequests: 2239,
      errorRatePct: 18.4,
      onset: '2024-05-01T12:03:00Z',
      latencyMaxMs: 29042,
      integrationLatencyMaxMs: 29001,
    },
    {
      type: 'log-template',
      probe: 'execution-logs',
      summary: 's',
      source: 'execution-log',
      template: 'rare <n>',
      count: 2,
      example: 'rare 1',
      requestIds: [],
    },
    {
      type: 'log-template',
      probe: 'execution-logs',
      summary: 's',
      source: 'execution-log',
      template: 'Method request headers: {Authorization=<v>}',
      count: 40,
      example: 'Method request headers: {Authorization=Bearer abc.def.ghi, Host=x}',
      requestIds: ['r1'],
    },
    {
      type: 'could-not-check',
      probe: 'traces',
      summary: 's',
      what: 'X-Ray traces',
      why: 'AccessDeniedException: not authorized',
      fix: 'grant xray:GetTraceSummaries',
    },
    {
      type: 'change',
      probe: 'changes',
      summary: 's',
      at: '2024-05-01T11:57:00Z',
      what: 'function-update',
      resource: 'orders-handler',
      actor: 'dev@example.com',
    },
  ],
};

describe('buildSummary', () => {
  it('builds the whole model from incident, diagnosis, classification and remediation, redacted', () => {
    // Act
    const summary = buildSummary({
      incident: incident(),
      kind: 'open',
      incidentId: 'inc-1',
      diagnosis,
      classification: {
        class: 'INTEGRATION_TIMEOUT',
        confidence: 0.9,
        hypotheses: [
          {
            class: 'INTEGRATION_TIMEOUT',
            confidence: 0.9,
            evidence: [{ rule: 't', source: 'execution-log', text: 'timeout', count: 40 }],
          },
          { class: 'LAMBDA_TIMEOUT', confidence: 0.2, evidence: [] },
        ],
        evidence: [],
        // The first restates the traces finding, as the classifier does: listed once.
        missing: [
          'X-Ray traces: AccessDeniedException: not authorized (grant xray:GetTraceSummaries)',
          'execution logging is off',
        ],
      },
      remediation: {
        class: 'INTEGRATION_TIMEOUT',
        steps: [{ title: 'Roll back', command: 'aws lambda update-alias --function-version 41' }],
        links: [],
      },
      alsoFiring: ['p99-latency'],
    });
    // Assert
    expect(summary).toEqual({
      alarmThreshold: 5,
      schemaVersion: 1,
      incidentId: 'inc-1',
      kind: 'open',
      state: 'ALARM',
      severity: 'high',
      api: { kind: 'REST', id: 'a1b2c3d4e5', name: 'orders-api', stage: 'prod' },
      region: 'eu-west-1',
      accountId: '123456789012',
      alarmName: 'orders-api-prod-5xx',
      alarmArn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-api-prod-5xx',
      stateChangeTime: '2024-05-01T12:06:00.000Z',
      alsoFiring: ['p99-latency'],
      impact: {
        errorRatePct: 18.4,
        errors5xx: 412,
        requests: 2239,
        onset: '2024-05-01T12:03:00Z',
        latencyMaxMs: 29042,
        integrationLatencyMaxMs: 29001,
        errorSeries: [12, 400],
      },
      leading: {
        class: 'INTEGRATION_TIMEOUT',
        confidence: 0.9,
        evidence: [{ rule: 't', source: 'execution-log', text: 'timeout', count: 40 }],
      },
      others: [{ class: 'LAMBDA_TIMEOUT', confidence: 0.2, evidence: [] }],
      changes: [
        {
          type: 'change',
          probe: 'changes',
          summary: 's',
          at: '2024-05-01T11:57:00Z',
          what: 'function-update',
          resource: 'orders-handler',
          actor: '[EMAIL]',
        },
      ],
      remediation: [{ title: 'Roll back', command: 'aws lambda update-alias --function-version 41' }],
      links: [
        {
          label: 'Alarm',
          url: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/orders-api-prod-5xx',
        },
        {
          label: 'API stage prod',
          url: 'https://eu-west-1.console.aws.amazon.com/apigateway/main/apis/a1b2c3d4e5/stages?api=a1b2c3d4e5&region=eu-west-1',
        },
      ],
      logExamples: [
        {
          template: 'Method request headers: {Authorization=[REDACTED]}',
          count: 40,
          example: 'Method request headers: {Authorization=[REDACTED], Host=x}',
        },
        { template: 'rare <n>', count: 2, example: 'rare 1' },
      ],
      notChecked: [
        { what: 'X-Ray traces', why: 'AccessDeniedException: not authorized', fix: 'grant xray:GetTraceSummaries' },
        { what: 'execution logging is off', why: 'not available to the classifier' },
      ],
      unfinishedChecks: ['traces'],
      diagnosisMs: 3900,
    });
    expect(parseSummary(summary)).toEqual({ ok: true, summary });
  });

  it('keeps the opening diagnosis in a resolution, with the OK state, time and duration', () => {
    // Arrange
    const opening = buildSummary({
      incident: incident(),
      kind: 'open',
      incidentId: 'inc-1',
      diagnosis,
      classification: {
        class: 'INTEGRATION_TIMEOUT',
        confidence: 0.9,
        hypotheses: [{ class: 'INTEGRATION_TIMEOUT', confidence: 0.9, evidence: [] }],
        evidence: [],
      },
      remediation: {
        class: 'INTEGRATION_TIMEOUT',
        steps: [{ title: 'Move long work off the request path' }],
        links: [],
      },
    });
    const okIncident = incident({ state: 'OK', stateChangeTime: '2024-05-01T12:29:00.000Z' });
    // Act
    const resolved = buildSummary({
      incident: okIncident,
      kind: 'resolved',
      incidentId: 'inc-1',
      durationMinutes: 23,
      opening,
    });
    // Assert
    const bare = buildSummary({ incident: okIncident, kind: 'resolved', incidentId: 'inc-1', durationMinutes: 23 });
    expect(resolved).toEqual({
      ...bare,
      api: opening.api,
      severity: opening.severity,
      impact: opening.impact,
      leading: opening.leading,
      others: opening.others,
      changes: opening.changes,
      remediation: opening.remediation,
      links: opening.links,
      logExamples: opening.logExamples,
      notChecked: opening.notChecked,
      unfinishedChecks: opening.unfinishedChecks,
      diagnosisMs: opening.diagnosisMs,
    });
    expect(resolved).toMatchObject({
      kind: 'resolved',
      state: 'OK',
      stateChangeTime: '2024-05-01T12:29:00.000Z',
      durationMinutes: 23,
    });
  });

  it("keeps the opening's explanation in a resolution, and only the opening's", () => {
    // Arrange
    const explanation = [{ class: 'INTEGRATION_TIMEOUT' as const, confidence: 0.9, decidedBy: ['a'], wouldChange: [] }];
    const classification = { class: 'INTEGRATION_TIMEOUT' as const, confidence: 0.9, hypotheses: [], evidence: [] };
    const open = (withExplanation: boolean) =>
      buildSummary({
        incident: incident(),
        kind: 'open',
        incidentId: 'inc-1',
        classification: withExplanation ? { ...classification, explanation } : classification,
      });
    const ok = incident({ state: 'OK', stateChangeTime: '2024-05-01T12:29:00.000Z' });
    const resolve = (opening: ReturnType<typeof open>) =>
      buildSummary({
        incident: ok,
        kind: 'resolved',
        incidentId: 'inc-1',
        opening,
        classification: {
          ...classification,
          class: 'THROTTLING',
          explanation: [{ ...explanation[0]!, class: 'THROTTLING' }],
        },
      });
    // Act, Assert
    expect(resolve(open(true)).explanation).toEqual(explanation);
    expect(resolve(open(false))).not.toHaveProperty('explanation');
  });

  it('builds a bare OK without a diagnosis', () => {
    const summary = buildSummary({
      incident: incident({ state: 'OK' }),
      kind: 'resolved',
      incidentId: 'inc-1',
      durationMinutes: 23,
    });
    expect(summary).toMatchObject({
      kind: 'resolved',
      state: 'OK',
      severity: 'low',
      leading: null,
      durationMinutes: 23,
      diagnosisMs: null,
    });
  });
});

describe('parseSummary', () => {
  it.each(fixtureNames())('accepts the sample %s', (name) => {
    expect(parseSummary(loadFixture(name)).ok).toBe(true);
  });

  it('keeps the explanation of a recorded summary (render --from shows the "Why" section)', () => {
    const summary = explainedSummary();
    expect(parseSummary(summary)).toEqual({ ok: true, summary });
    expect(parseSummary({ ...summary, explanation: [{ class: 'NOPE' }] }).ok).toBe(false);
  });

  it('lists what is wrong with a malformed summary', () => {
    expect(parseSummary({ schemaVersion: 2 })).toMatchObject({
      ok: false,
      problems: expect.arrayContaining(['schemaVersion: Invalid input: expected 1']),
    });
  });
});
