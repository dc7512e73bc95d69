// Minimal responder until the handler issue lands: logs what arrived so the wiring can be checked.
export function handler(event: unknown): Promise<void> {
  console.log(JSON.stringify({ message: 'alarm notification received', event }));
  return Promise.resolve();
}
