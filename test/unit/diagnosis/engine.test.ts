import { createAwsClients } from '../../../functions/diagnosis/clients';
import { runDiagnosis } from '../../../functions/diagnosis/engine';
import type { RegisteredProbe } from '../../../functions/diagnosis/registry';
import type { Finding } from '../../../functions/types';
import { incident } from './support/incident';

// Nothing here may reach AWS: the clients point at a closed local port and are never used.
const clients = createAwsClients({
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:9',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});

const change = (resource: string): Finding => ({
  type: 'change',
  probe: 'changes',
  summary: `changed ${resource}`,
  at: '2024-05-01T10:20:00Z',
  what: 'deployment',
  resource,
});

const probe = (
  name: RegisteredProbe['name'],
  run: RegisteredProbe['run'],
  kinds: RegisteredProbe['kinds'] = ['REST', 'HTTP'],
): RegisteredProbe => ({
  name,
  label: name,
  run,
  kinds,
});

describe('runDiagnosis', () => {
  it('isolates a failing probe: it becomes "could not check", the others report, order is the registry order', async () => {
    const registry = [
      probe('metrics', () => Promise.resolve([change('a')])),
      probe('api-config', () =>
        Promise.reject(
          Object.assign(new Error('User is not authorized to perform apigateway:GET'), {
            name: 'AccessDeniedException',
          }),
        ),
      ),
      probe('changes', () => Promise.resolve([change('b')])),
      probe('execution-logs', () => Promise.resolve([]), ['HTTP']),
    ];
    const diagnosis = await runDiagnosis(incident, { deadline: Date.now() + 5000, clients, registry });
    expect(diagnosis.findings).toEqual([
      change('a'),
      {
        type: 'could-not-check',
        probe: 'api-config',
        what: 'api-config',
        why: 'AccessDeniedException: User is not authorized to perform apigateway:GET',
        summary: 'could not check api-config: AccessDeniedException: User is not authorized to perform apigateway:GET',
      },
      change('b'),
    ]);
    expect(diagnosis.probes.map((p) => [p.probe, p.status])).toEqual([
      ['metrics', 'ok'],
      ['api-config', 'failed'],
      ['changes', 'ok'],
      ['execution-logs', 'skipped'],
    ]);
    expect(diagnosis.cutShort).toBe(false);
    expect(clients.created()).toEqual([]);
  });

  it('returns by the deadline with the finished probes, even when a probe ignores its signal', async () => {
    const registry = [
      probe('metrics', () => Promise.resolve([change('fast')])),
      probe('traces', () => new Promise<Finding[]>(() => undefined)),
    ];
    const started = Date.now();
    const diagnosis = await runDiagnosis(incident, { deadline: started + 300, clients, registry });
    expect(Date.now() - started).toBeLessThan(600);
    expect(diagnosis.cutShort).toBe(true);
    expect(diagnosis.findings).toEqual([
      change('fast'),
      expect.objectContaining({
        type: 'could-not-check',
        probe: 'traces',
        why: expect.stringMatching(/^timed out at the diagnosis deadline after \d+ ms$/),
      }),
    ]);
    expect(diagnosis.probes[1]).toEqual(expect.objectContaining({ probe: 'traces', status: 'timed-out' }));
  });

  it('applies the per-probe timeout before the deadline and aborts the probe signal', async () => {
    let aborted = false;
    const registry = [
      probe('changes', (ctx) => {
        ctx.signal.addEventListener('abort', () => {
          aborted = true;
        });
        return new Promise<Finding[]>(() => undefined);
      }),
    ];
    const diagnosis = await runDiagnosis(incident, {
      deadline: Date.now() + 5000,
      probeTimeoutMs: 100,
      clients,
      registry,
    });
    expect(diagnosis.probes[0]).toEqual(
      expect.objectContaining({ status: 'timed-out', error: 'timed out after 100 ms' }),
    );
    expect(diagnosis.cutShort).toBe(false);
    expect(aborted).toBe(true);
  });

  it('runs only the selected probes', async () => {
    const registry = [
      probe('metrics', () => Promise.resolve([change('m')])),
      probe('changes', () => Promise.resolve([change('c')])),
    ];
    const diagnosis = await runDiagnosis(incident, {
      deadline: Date.now() + 1000,
      clients,
      registry,
      probes: ['changes'],
    });
    expect(diagnosis.findings).toEqual([change('c')]);
  });
});
