import { createAwsClients } from '../../../functions/diagnosis/clients';
import type { AwsClientOptions, LazyAwsClients } from '../../../functions/diagnosis/clients';
import { requireSandboxEndpoint, SANDBOX_REGION } from '../../../scripts/sandbox/env';
import type { Diagnosis, Finding, ProbeName } from '../../../functions/types';

/** Clients on the emulator only (the endpoint is explicit: nothing can reach AWS). */
export function sandboxClients(extra: Partial<AwsClientOptions> = {}): LazyAwsClients {
  return createAwsClients({
    region: SANDBOX_REGION,
    endpoint: requireSandboxEndpoint(),
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
    ...extra,
  });
}

export function findingsOf(diagnosis: Diagnosis, probe: ProbeName): Finding[] {
  return diagnosis.findings.filter((f) => f.probe === probe);
}

export const UUID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
export const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
