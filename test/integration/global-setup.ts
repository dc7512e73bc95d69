// Starts moto server (installing it into .venv the first time) for the integration project and
// points every SDK client of the test workers at it; nothing may reach a real AWS endpoint.
import { startMoto } from '../../scripts/sandbox/moto';
import type { RunningMoto } from '../../scripts/sandbox/moto';
import { sandboxEnvironment } from '../../scripts/sandbox/env';

declare global {
  var __apigwResponderMoto: RunningMoto | undefined;
}

export default async function globalSetup(): Promise<void> {
  const moto = await startMoto();
  globalThis.__apigwResponderMoto = moto;
  // Workers are forked after this, so they inherit the environment.
  Object.assign(process.env, sandboxEnvironment(moto.endpoint));
}
