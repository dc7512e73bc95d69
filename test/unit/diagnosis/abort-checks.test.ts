/**
 * One abort check for every place that tells "the run was stopped" from "this call failed": the
 * diagnosis deadline's abort (the scope's signal has fired, whatever its reason), the SDK's
 * AbortError and the call scope's AbortedError must propagate from the API model's optional parts
 * and from the backend ranking's metrics; a real failure is still reported, not thrown.
 */
import { settle } from '../../../functions/diagnosis/api-model';
import type { ApiModel } from '../../../functions/diagnosis/api-model';
import { loadBackendRanking } from '../../../functions/diagnosis/backend-ranking';
import { AbortedError, abortReason, callScope, isAbort } from '../../../functions/diagnosis/call-scope';
import type { AwsClients } from '../../../functions/diagnosis/clients';
import { incident } from './support/incident';

/** What the SDK's HTTP handler rejects with when its abortSignal fires. */
const sdkAbortError = (): Error => Object.assign(new Error('Request aborted'), { name: 'AbortError' });
/** One request that ran past its own request timeout: that call's failure, not an abort. */
const requestTimeout = (): Error =>
  Object.assign(new Error('Connection timed out after 10000 ms'), { name: 'TimeoutError' });
const accessDenied = (): Error => Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });

/** The engine's overall deadline as it fired before: a plain Error as the abort reason. */
function deadline(): AbortController {
  const overall = new AbortController();
  overall.abort(new Error('diagnosis deadline reached'));
  return overall;
}

const model: ApiModel = {
  kind: 'REST',
  id: 'abc123',
  stage: { name: 'prod' } as ApiModel['stage'],
  integrations: [],
  authorizers: [],
  vpcLinks: [],
  functions: [{ name: 'orders-fn', role: 'integration' }],
};

const clientsFailingWith = (error: () => Error): AwsClients =>
  ({ cloudWatch: { send: () => Promise.reject(error()) } }) as unknown as AwsClients;

/** A call shared under the overall deadline's signal, as discovery runs it: rejected with the signal's reason. */
function underDeadline<T>(run: () => Promise<T>): Promise<T> {
  const overall = deadline();
  return callScope.run({ calls: [], signal: overall.signal }, run);
}

describe('isAbort', () => {
  it('recognises the deadline (by its signal), the SDK’s AbortError and AbortedError, and nothing else', () => {
    const fired = deadline().signal;
    expect(isAbort(abortReason(fired), fired)).toBe(true);
    expect(isAbort(accessDenied(), fired)).toBe(true);
    expect(isAbort(sdkAbortError(), undefined)).toBe(true);
    expect(isAbort(new AbortedError('aborted'), undefined)).toBe(true);
    expect(isAbort(requestTimeout(), undefined)).toBe(false);
    expect(isAbort(accessDenied(), new AbortController().signal)).toBe(false);
    expect(isAbort('a string', undefined)).toBe(false);
  });

  it('defaults to the calling scope’s signal', () => {
    expect(callScope.run({ calls: [], signal: deadline().signal }, () => isAbort(accessDenied()))).toBe(true);
    expect(isAbort(accessDenied())).toBe(false);
  });
});

describe('the API model’s optional parts (settle)', () => {
  it('propagate the deadline’s abort instead of reporting it as the part’s failure', async () => {
    await expect(underDeadline(() => settle(Promise.reject(new Error('diagnosis deadline reached'))))).rejects.toThrow(
      'diagnosis deadline reached',
    );
  });

  it('propagate the SDK’s AbortError', async () => {
    await expect(settle(Promise.reject(sdkAbortError()))).rejects.toThrow('Request aborted');
  });

  it('still report a real failure and a single request timeout', async () => {
    expect(await settle(Promise.reject(accessDenied()))).toEqual({ error: expect.stringContaining('not authorized') });
    expect(await settle(Promise.reject(requestTimeout()))).toEqual({ error: expect.stringContaining('timed out') });
  });
});

describe('the backend ranking’s metrics', () => {
  it('propagate the deadline’s abort instead of ranking without metrics', async () => {
    const overall = deadline();
    const clients = clientsFailingWith(() => abortReason(overall.signal));
    await expect(
      callScope.run({ calls: [], signal: overall.signal }, () => loadBackendRanking(clients, incident, model, 0)),
    ).rejects.toThrow('diagnosis deadline reached');
  });

  it('propagate the call scope’s AbortedError', async () => {
    const clients = clientsFailingWith(() => new AbortedError('aborted'));
    await expect(loadBackendRanking(clients, incident, model, 0)).rejects.toThrow('aborted');
  });

  it('still rank without metrics when reading them failed', async () => {
    const ranking = await loadBackendRanking(clientsFailingWith(accessDenied), incident, model, 0);
    expect(ranking.metricsError).toEqual(expect.objectContaining({ name: 'AccessDeniedException' }));
    expect(ranking.rest.map((f) => f.name)).toEqual(['orders-fn']);
  });
});
