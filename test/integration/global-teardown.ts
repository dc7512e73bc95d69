// Stops the moto server started by global-setup (it would also exit by itself with this process).
export default async function globalTeardown(): Promise<void> {
  const moto = globalThis.__apigwResponderMoto;
  globalThis.__apigwResponderMoto = undefined;
  if (moto !== undefined) await moto.stop();
}
