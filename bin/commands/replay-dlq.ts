// Placeholder until its issue lands: says so instead of pretending to work.
export function run(_argv: readonly string[]): Promise<number> {
  process.stderr.write('apigw-responder replay-dlq: not implemented yet\n');
  return Promise.resolve(1);
}
