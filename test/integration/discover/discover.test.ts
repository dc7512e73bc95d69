/**
 * `apigw-responder discover` on the emulator: a seeded REST API and a seeded HTTP API, each with a
 * Lambda backend and an access-log group; the entries it prints synthesize, and give each API's
 * diagnosis exactly its own function and log groups.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { explainAwsError, run } from '../../../bin/commands/discover';
import { createAwsClients } from '../../../functions/diagnosis/clients';
import { configEntryOf } from '../../../functions/discover/config-entry';
import { discoverApi } from '../../../functions/discover/discover-api';
import type { WatchedApiConfig } from '../../../lib';
import { buildApp } from '../../../lib';
import { ConfigError } from '../../../lib/config/config-error';
import { validateConfig } from '../../../lib/config/validate-config';
import { SANDBOX_REGION, requireSandboxEndpoint } from '../../../scripts/sandbox/env';
import type { SeededScenario } from '../../../scripts/sandbox/seed';
import { seedScenario } from '../../../scripts/sandbox/seed';
import { asList, flat, NO_BUNDLING, policyStatements } from '../../infra/support';

jest.setTimeout(120_000);

let endpoint: string;
let rest: SeededScenario;
let http: SeededScenario;

beforeAll(async () => {
  endpoint = requireSandboxEndpoint();
  rest = await seedScenario(endpoint, 'integration-timeout');
  http = await seedScenario(endpoint, 'http-api-function-error');
});

const clients = () => createAwsClients({ region: SANDBOX_REGION, endpoint });

describe('discover', () => {
  it('reads a REST and an HTTP API into config entries; the REST entry synthesizes with exactly its own resources', async () => {
    const progress: string[] = [];
    const restApi = await discoverApi(clients(), {
      kind: 'REST',
      api: rest.apiName,
      region: SANDBOX_REGION,
      progress: (l) => progress.push(l),
    });
    const httpApi = await discoverApi(clients(), { kind: 'HTTP', api: http.apiId, region: SANDBOX_REGION });

    expect(configEntryOf(restApi)).toEqual({
      kind: 'REST',
      name: rest.apiName,
      id: rest.apiId,
      stages: [rest.stage],
      backendFunctions: [rest.functionName],
      accessLogGroups: [rest.accessLogGroup],
    });
    expect(configEntryOf(httpApi)).toEqual({
      kind: 'HTTP',
      id: http.apiId,
      name: http.apiName,
      stages: [http.stage],
      backendFunctions: [http.functionName],
      accessLogGroups: [http.accessLogGroup],
    });
    expect(progress.join('\n')).toContain(`reading stage ${rest.stage}`);

    // Emulator gap: moto gives HTTP APIs 8-letter ids where AWS gives 10 characters, and the
    // config (rightly) insists on 10. That is the HTTP entry's only problem:
    expect(() => validateConfig({ apis: [configEntryOf(httpApi)] as WatchedApiConfig[] })).toThrow(
      new ConfigError([
        `apis[0].id: "${http.apiId}" is not valid. Use the 10-character API id, e.g. a1b2c3d4e5 (aws apigateway get-rest-apis / aws apigatewayv2 get-apis).`,
      ]),
    );
    const { stack } = buildApp(
      { stackName: 'Discovered', apis: [configEntryOf(restApi)] as WatchedApiConfig[] },
      NO_BUNDLING,
    );
    const template = Template.fromStack(stack);
    const granted = (action: string) =>
      policyStatements(template)
        .filter((s) => asList(s.Action).includes(action))
        .flatMap((s) => asList(s.Resource).map(flat));
    expect(granted('lambda:GetFunctionConfiguration').sort()).toEqual(
      [rest.functionName]
        .flatMap((n) => [
          `arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:${n}`,
          `arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:${n}:*`,
        ])
        .sort(),
    );
    for (const group of [rest.accessLogGroup]) {
      expect(granted('logs:FilterLogEvents')).toContain(
        `arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${group}`,
      );
    }
    // Everything listed: no broad-grant warning.
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('--write adds the entry to a copy of the example config, keeping the rest; the same API again is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'discover-'));
    const file = join(dir, 'apigw-responder.config.ts');
    copyFileSync(resolve(__dirname, '../../../apigw-responder.config.ts'), file);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await run([
        '--api',
        http.apiId,
        '--kind',
        'http',
        '--endpoint-url',
        endpoint,
        '--write',
        '--config',
        file,
      ]);
      expect(code).toBe(0);
      const text = readFileSync(file, 'utf8');
      expect(text).toContain(`id: '${http.apiId}'`);
      expect(text).toContain(`backendFunctions: ['${http.functionName}']`);
      // The example's own entries and comments are untouched.
      expect(text).toContain("name: 'orders-api'");
      // The same API again: refused, nothing written twice.
      expect(
        await run(['--api', http.apiId, '--kind', 'http', '--endpoint-url', endpoint, '--write', '--config', file]),
      ).toBe(1);
      expect(readFileSync(file, 'utf8')).toBe(text);
    } finally {
      stderr.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says clearly when the API does not exist, and what AccessDenied means', async () => {
    await expect(discoverApi(clients(), { kind: 'REST', api: 'no-such-api', region: SANDBOX_REGION })).rejects.toThrow(
      'no-such-api',
    );
    const denied = Object.assign(
      new Error(
        'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:us-east-1::/restapis',
      ),
      { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } },
    );
    expect(explainAwsError(denied)).toMatch(/^AccessDenied: .*apigateway:GET on \/restapis, \/restapis\/\*/);
  });
});
