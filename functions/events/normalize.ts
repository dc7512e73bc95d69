/**
 * Small pure readers shared by the shapes: times, ARNs, region codes, dimensions.
 */

const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO-8601 UTC string from the times CloudWatch writes (`+0000` offsets, `Z`, and the odd
 * documentation copy with spaces inside), or undefined when it is not a time.
 */
export function normalizeTime(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = ISO_TIME.exec(value.replace(/\s+/g, ''));
  if (match === null) return undefined;
  const [, local, zone] = match;
  const offset = zone === 'Z' ? 'Z' : `${zone!.slice(0, 3)}:${zone!.slice(-2)}`;
  const ms = Date.parse(`${local}${offset}`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

export function isRegionCode(value: string | undefined): value is string {
  return value !== undefined && REGION.test(value);
}

const ACCOUNT = /^\d{1,12}$/;

export function isAccountId(value: string | undefined): value is string {
  return value !== undefined && ACCOUNT.test(value);
}

export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Splits an ARN; the resource keeps its colons and spaces (alarm names may contain both). */
export function parseArn(arn: string | undefined): ArnParts | undefined {
  if (arn === undefined) return undefined;
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0]!.trim() !== 'arn') return undefined;
  const [, partition, service, region, account] = parts.map((p) => p.trim());
  return {
    partition: partition!,
    service: service!,
    region: region!,
    account: account!,
    resource: parts.slice(5).join(':'),
  };
}

/** The alarm name of a CloudWatch alarm ARN (`...:alarm:<name>`), or undefined. */
export function alarmNameFromArn(arn: string): string | undefined {
  const parts = parseArn(arn);
  if (parts === undefined || parts.service !== 'cloudwatch' || !parts.resource.startsWith('alarm:')) return undefined;
  const name = parts.resource.slice('alarm:'.length);
  return name.length > 0 ? name : undefined;
}

type DimensionList = readonly ({ name: string; value: string } | null | undefined)[];

function isDimensionList(value: unknown): value is DimensionList {
  return Array.isArray(value);
}

/** `[{name, value}]` (SNS) or `{name: value}` (EventBridge) as one map; entries without a value dropped. */
export function dimensionMap(
  dimensions:
    | readonly ({ name: string; value: string } | null | undefined)[]
    | Record<string, string | null | undefined>
    | null
    | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (dimensions === null || dimensions === undefined) return out;
  if (isDimensionList(dimensions)) {
    for (const d of dimensions) if (d) out[d.name] = d.value;
    return out;
  }
  for (const [name, value] of Object.entries(dimensions)) if (typeof value === 'string') out[name] = value;
  return out;
}

/** `SUM` → `Sum`: SNS writes simple statistics in upper case, the APIs in CloudWatch casing. */
export function normalizeStatistic(stat: string | undefined): string | undefined {
  if (stat === undefined || stat === '') return undefined;
  const known: Record<string, string> = {
    SUM: 'Sum',
    AVERAGE: 'Average',
    MINIMUM: 'Minimum',
    MAXIMUM: 'Maximum',
    SAMPLECOUNT: 'SampleCount',
    SAMPLE_COUNT: 'SampleCount',
  };
  return known[stat.toUpperCase()] ?? stat;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a string. */
export function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Truncates a string that goes into a log line or an error message. */
export function clip(value: string | undefined, max = 256): string | undefined {
  if (value === undefined) return undefined;
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
