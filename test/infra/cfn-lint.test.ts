/**
 * AWS's CloudFormation linter (cfn-lint, pinned, installed into .venv with the emulator) over
 * every template this project synthesizes: the example config, the minimal and full test configs,
 * the maximal deploy-rehearsal config, a cross-account one and the member account's read role. An error fails; a warning fails unless it is
 * acknowledged with its reason in cfn-lint-acknowledgements.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { config as exampleConfig } from '../../apigw-responder.config';
import type { AppConfig } from '../../lib';
import { buildApp } from '../../lib';
import { buildMemberApp } from '../../lib/cross-account/member-app';
import { ensureMoto, VENV_DIR } from '../../scripts/sandbox/moto';
import { config as maximalConfig } from '../fixtures/deploy-local/maximal.config';
import { CFN_LINT_ACKNOWLEDGED } from './cfn-lint-acknowledgements';
import { FULL_CONFIG, MINIMAL_CONFIG, NO_BUNDLING } from './support';

interface Finding {
  readonly Filename: string;
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Message: string;
  readonly Location: { readonly Path: readonly (string | number)[] };
  readonly Rule: { readonly Id: string };
}

const CFN_LINT = join(VENV_DIR, 'bin', 'cfn-lint');
const MEMBER = '111122223333';
const MEMBER_ROLE = `arn:aws:iam::${MEMBER}:role/apigw-responder-read`;
let dir: string;

function lint(files: readonly string[]): Finding[] {
  const result = spawnSync(CFN_LINT, ['--format', 'json', '--', ...files], { encoding: 'utf8' });
  // Exit codes are a bit mask of the levels found; anything not JSON is a failure of cfn-lint itself.
  if (result.error !== undefined) throw result.error;
  try {
    return JSON.parse(result.stdout) as Finding[];
  } catch {
    throw new Error(`cfn-lint failed (exit ${String(result.status)}): ${result.stderr}`);
  }
}

const line = (finding: Finding): string =>
  `${finding.Filename.split('/').pop() ?? ''} ${finding.Rule.Id} ${finding.Location.Path.join('/')}: ${finding.Message}`;

beforeAll(async () => {
  await ensureMoto();
  dir = mkdtempSync(join(tmpdir(), 'cfn-lint-'));
}, 600_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('finds no errors and only acknowledged warnings in any synthesized template', () => {
  const configs: Record<string, AppConfig> = {
    example: exampleConfig,
    minimal: MINIMAL_CONFIG,
    full: FULL_CONFIG,
    maximal: maximalConfig,
    'no-reserved-concurrency': { ...MINIMAL_CONFIG, responder: { reservedConcurrency: 'none' } },
    'cross-account': { ...FULL_CONFIG, trustedAccounts: [MEMBER], crossAccountRoles: { [MEMBER]: MEMBER_ROLE } },
  };
  const files = Object.entries(configs).map(([name, config]) => {
    const file = join(dir, `${name}.template.json`);
    writeFileSync(file, JSON.stringify(Template.fromStack(buildApp(config, NO_BUNDLING).stack).toJSON()));
    return file;
  });
  // The member account's read role (docs/cross-account.md).
  const member = join(dir, 'member-read-role.template.json');
  const memberApp = buildMemberApp(exampleConfig, {
    context: { principalArns: 'arn:aws:iam::123456789012:role/responder', account: MEMBER, region: 'eu-west-1' },
  });
  writeFileSync(member, JSON.stringify(Template.fromStack(memberApp.stack).toJSON()));
  const findings = lint([...files, member]);
  const unacknowledged = findings.filter((f) => f.Level === 'Error' || !(f.Rule.Id in CFN_LINT_ACKNOWLEDGED));
  expect(unacknowledged.map(line)).toEqual([]);
  const stale = Object.keys(CFN_LINT_ACKNOWLEDGED).filter((id) => !findings.some((f) => f.Rule.Id === id));
  expect(stale).toEqual([]);
}, 120_000);

it('reports an error in a broken template (the linter really runs)', () => {
  const file = join(dir, 'broken.template.json');
  const broken = {
    Resources: {
      Alarm: { Type: 'AWS::CloudWatch::Alarm', Properties: { ComparisonOperator: 'Bigger', EvaluationPeriods: 1 } },
    },
  };
  writeFileSync(file, JSON.stringify(broken));
  const errors = lint([file]).filter((f) => f.Level === 'Error');
  expect(errors.length).toBeGreaterThan(0);
}, 60_000);
