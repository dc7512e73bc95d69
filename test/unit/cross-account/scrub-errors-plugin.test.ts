/**
 * Review 6 #9: an assumed session's client error that echoes the credentials is scrubbed inside
 * the client, before the X-Ray middleware (the `build` step) and everything after it sees it.
 * A real SDK client, a request handler answering as AWS does to a bad signature.
 */
import { Readable } from 'node:stream';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import type { Pluggable } from '@smithy/types';
import { credentialTextScrub } from '../../../functions/cross-account/credential-scrub';
import { scrubErrorsPlugin } from '../../../functions/cross-account/scrub-errors-plugin';
import { createAwsClients } from '../../../functions/diagnosis/clients';

const credentials = {
  accessKeyId: 'ASIAZ7Q3XK5M2EXAMPLE',
  secretAccessKey: 'k7Rz2Qp9Xw3Lm8Nv4Bt6Yc1Hd5Gf0Js2Ue7Wa9Pq',
  sessionToken: `IQoJb3JpZ2luX2VjEPr//////////wEaCWV1LXdlc3QtMSJHMEUCIQD${'Zm9yZ2VkLXNlc3Npb24tdG9rZW4'.repeat(12)}`,
};

/** AWS's answer to a request whose signature it cannot use: it quotes the Authorization header. */
const badSignature = {
  handle: () =>
    Promise.resolve({
      response: {
        statusCode: 403,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'IncompleteSignatureException' },
        body: Readable.from([
          Buffer.from(
            JSON.stringify({
              message: `'Credential=${credentials.accessKeyId}/20250501/eu-west-1/lambda/aws4_request' not a valid key=value pair; X-Amz-Security-Token=${encodeURIComponent(credentials.sessionToken)}`,
            }),
          ),
        ]),
      },
    }),
};

/** What X-Ray's middleware records: the message of each failed call, in the build step. */
function xrayLike(recorded: string[]): Pluggable<object, object> {
  return {
    applyToStack: (stack) =>
      stack.add(
        (next) => async (args) => {
          try {
            return await next(args);
          } catch (error) {
            recorded.push((error as Error).message);
            throw error;
          }
        },
        { step: 'build', name: 'xrayLike' },
      ),
  };
}

it('scrubs the echoed key id and token before X-Ray records the error, and in the error thrown', async () => {
  const recorded: string[] = [];
  const clients = createAwsClients({
    region: 'eu-west-1',
    credentials,
    maxAttempts: 1,
    requestHandler: badSignature,
    plugins: [xrayLike(recorded), scrubErrorsPlugin(credentialTextScrub(credentials))],
  });

  const error = await clients.lambda
    .send(new GetFunctionConfigurationCommand({ FunctionName: 'f' }))
    .catch((e: Error) => e);

  expect(recorded).toHaveLength(1);
  for (const text of [recorded[0]!, (error as Error).message, (error as Error).stack ?? '']) {
    expect(text).not.toContain('ASIAZ7Q3XK5M');
    expect(text).not.toContain('wEaCWV1LXdlc3Qt');
    expect(text).not.toContain('Zm9yZ2VkLXNlc3Npb24');
  }
  expect(recorded[0]).toContain('Credential=[REDACTED]');
});
