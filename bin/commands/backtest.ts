/**
 * `apigw-responder backtest`: replays every alarm of your config over your own API Gateway
 * metrics (GetMetricData with your credentials) and tells how often each would have fired, how
 * long it would have stayed in ALARM and how late it caught each 5XX burst — optionally next to a
 * proposed change.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAwsClients } from '../../functions/diagnosis/clients';
import { chartFileName, renderChart } from '../../lib/backtest/chart-html';
import { readHistory } from '../../lib/backtest/history';
import { ConfigFileError, DEFAULT_CONFIG_FILE, loadConfigFile } from '../../lib/backtest/load-config';
import { parseSettings, type Proposal } from '../../lib/backtest/proposal';
import { toJson } from '../../lib/backtest/render-json';
import { renderText } from '../../lib/backtest/render-text';
import { backtest, stagesOf } from '../../lib/backtest/run-backtest';
import { parseOptions } from './parse-options';

/** CloudWatch keeps 1-minute datapoints for 15 days. */
export const MAX_DAYS = 15;

export const HELP = `Usage: apigw-responder backtest [options]

Reads the configured APIs' 1-minute metrics with your AWS credentials (GetMetricData, read-only)
and replays every alarm of the config over them with CloudWatch's evaluation rules: per API stage
and alarm, how often it would have fired, its time in ALARM, and the delay from each 5XX burst's
onset to ALARM (or "missed"). With --set or --compare, the same for a proposed change, side by
side, and a suggestion where one threshold dominates another.

Options:
  --days <n>             history to replay, 1..${MAX_DAYS} (CloudWatch keeps 1-minute data 15 days; default 14)
  --api <name|id>        only this API of the config
  --config <file>        configuration file (default ${DEFAULT_CONFIG_FILE})
  --set <signal.field=value>  a proposed change, repeatable, e.g. --set serverErrorRate.maxPercent=2
  --compare <file>       a second configuration to compare with, stage by stage
  --json                 print the result as JSON
  --chart <dir>          write one HTML chart per stage into <dir>
  --region <region>      default: AWS_REGION / your profile's region
  --profile <name>       shared-config profile
  --slice-minutes <n>    minutes of history per GetMetricData call (default 1440; an emulator that
                         scans per period is faster with 60)
  --no-percentiles       read latency as Maximum (an upper bound of p99) instead of p99, for
                         sources without percentiles (the local emulator)
  --endpoint-url <url>   send the calls there (a local emulator); AWS_ENDPOINT_URL works too
  -h, --help             this help

Progress goes to standard error; the report or JSON to standard output.
Exit codes: 0 done, 1 AWS or runtime failure, 2 bad arguments or configuration.`;

function fail(message: string): number {
  process.stderr.write(`apigw-responder backtest: ${message}\n`);
  return 2;
}

/** The SDK's errors for a missing or unusable identity, turned into what to do about it. */
function credentialsProblem(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const names = [
    'CredentialsProviderError',
    'ExpiredTokenException',
    'InvalidClientTokenId',
    'UnrecognizedClientException',
    'ExpiredToken',
  ];
  if (!names.includes(error.name) && !/credentials/i.test(error.message)) return undefined;
  return (
    `no usable AWS credentials (${error.name}: ${error.message.split('\n')[0]}). ` +
    'Set AWS_PROFILE (or pass --profile), run `aws sso login`, or export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; ' +
    'the identity needs cloudwatch:GetMetricData.'
  );
}

export async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseOptions(argv, {
    days: { type: 'string', default: '14' },
    api: { type: 'string' },
    config: { type: 'string', default: DEFAULT_CONFIG_FILE },
    set: { type: 'string', multiple: true },
    compare: { type: 'string' },
    json: { type: 'boolean', default: false },
    chart: { type: 'string' },
    region: { type: 'string' },
    profile: { type: 'string' },
    'endpoint-url': { type: 'string' },
    'slice-minutes': { type: 'string', default: '1440' },
    'no-percentiles': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (typeof parsed === 'string') return fail(`${parsed}\n\nRun with --help for the options.`);
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const days = Number(values.days);
  if (!Number.isFinite(days) || days <= 0 || days > MAX_DAYS) {
    return fail(
      `--days ${values.days}: use a number of days above 0 and at most ${MAX_DAYS} (CloudWatch keeps 1-minute datapoints for 15 days)`,
    );
  }
  const sliceMinutes = Number(values['slice-minutes']);
  if (!Number.isInteger(sliceMinutes) || sliceMinutes < 1 || sliceMinutes > 1440) {
    return fail(`--slice-minutes ${values['slice-minutes']}: use a whole number from 1 to 1440`);
  }
  if (values.set !== undefined && values.compare !== undefined) return fail('use --set or --compare, not both');
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (region === undefined) return fail('no region: pass --region or set AWS_REGION');

  let proposal: Proposal | undefined;
  let targets;
  try {
    const config = loadConfigFile(values.config);
    targets = stagesOf(config, values.api);
    if (values.set !== undefined)
      proposal = { kind: 'set', label: `--set ${values.set.join(' --set ')}`, overrides: parseSettings(values.set) };
    if (values.compare !== undefined)
      proposal = { kind: 'config', label: values.compare, config: loadConfigFile(values.compare) };
  } catch (error) {
    if (error instanceof ConfigFileError) return fail(error.message);
    throw error;
  }

  const endMs = Math.floor(Date.now() / 60_000) * 60_000;
  const window = { startMs: endMs - Math.round(days * 1440) * 60_000, endMs };
  // The shared factory: the same retries, timeouts and call tracking as `diagnose` and the responder.
  const { cloudWatch } = createAwsClients({
    region,
    ...(values['endpoint-url'] === undefined ? {} : { endpoint: values['endpoint-url'] }),
    ...(values.profile === undefined ? {} : { profile: values.profile }),
  });
  process.stderr.write(`reading ${days} days of 1-minute metrics for ${targets.length} stage(s) in ${region}\n`);
  let histories;
  try {
    histories = await readHistory(
      cloudWatch,
      targets.map((t) => t.ref),
      window,
      {
        sliceMinutes,
        percentiles: !values['no-percentiles'],
        onProgress: (p) =>
          process.stderr.write(
            `  GetMetricData ${p.pass}: call ${p.call}/${p.calls}, ${p.datapoints} datapoints so far\n`,
          ),
      },
    );
  } catch (error) {
    const problem = credentialsProblem(error);
    if (problem !== undefined) {
      process.stderr.write(`apigw-responder backtest: ${problem}\n`);
      return 1;
    }
    throw error;
  } finally {
    cloudWatch.destroy();
  }
  let result;
  try {
    result = backtest(targets, histories, window, proposal);
  } catch (error) {
    if (error instanceof ConfigFileError) return fail(error.message);
    throw error;
  }
  if (values.chart !== undefined) {
    mkdirSync(values.chart, { recursive: true });
    for (const stage of result.stages) {
      const file = join(values.chart, chartFileName(stage));
      writeFileSync(file, renderChart(result, stage));
      process.stderr.write(`chart: ${file}\n`);
    }
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(toJson(result), null, 2)}\n`);
  } else {
    process.stdout.write(renderText(result));
  }
  return 0;
}
