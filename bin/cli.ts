/**
 * `apigw-responder`: one dispatcher, one file per command under bin/commands/. Commands are
 * imported lazily so `classify` does not pay for the AWS SDK that `diagnose` needs.
 */
interface CommandModule {
  run(argv: readonly string[]): Promise<number>;
}

interface Command {
  readonly summary: string;
  readonly load: () => CommandModule;
}

// require(), not import(): the launcher registers tsx's CommonJS hook, which import() bypasses.
/* eslint-disable @typescript-eslint/no-require-imports */

const COMMANDS: Readonly<Record<string, Command>> = {
  diagnose: {
    summary: 'Run the 5XX runbook against an API stage with your AWS credentials',
    load: () => require('./commands/diagnose') as CommandModule,
  },
  classify: {
    summary: 'Classify raw log lines (stdin or --logs FILE) into a root-cause class',
    load: () => require('./commands/classify') as CommandModule,
  },
  render: {
    summary: 'Render an incident summary as Slack Block Kit, Jira ADF or Markdown',
    load: () => require('./commands/render') as CommandModule,
  },
  backtest: {
    summary: 'Replay the alarms of your config over your own metrics: fires, delays, proposals',
    load: () => require('./commands/backtest') as CommandModule,
  },
  discover: {
    summary: 'Read an existing API and print its config entry (stages, backends, access logs)',
    load: () => require('./commands/discover') as CommandModule,
  },
  'replay-dlq': {
    summary: "Re-drive events from the responder's dead-letter queue",
    load: () => require('./commands/replay-dlq') as CommandModule,
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return [
    'Usage: apigw-responder <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `apigw-responder <command> --help` for the options of one command.',
  ].join('\n');
}

function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return Promise.resolve(name === undefined ? 2 : 0);
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`apigw-responder: unknown command "${name}"\n\n${usage()}\n`);
    return Promise.resolve(2);
  }
  return command.load().run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`apigw-responder: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
