/**
 * A 127.0.0.1 HTTP endpoint for an SNS HTTP subscription that does what the Lambda
 * service does for an SNS-subscribed function. It confirms the subscription (when the emulator
 * asks; moto confirms HTTP subscriptions itself), answers each notification at once (SNS waits
 * for the answer, Lambda invokes asynchronously), builds the Lambda-shaped SNS event from the
 * delivered notification and invokes the handler with a Lambda context.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface Invocation {
  readonly event: unknown;
  readonly result?: unknown;
  readonly error?: unknown;
}

export interface SnsLambdaAdapter {
  /** The subscription endpoint. */
  readonly url: string;
  readonly invocations: readonly Invocation[];
  /** Resolves when no invocation is running (and at least `count` have finished). */
  settled(count?: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function lambdaContext(timeoutMs: number, requestId: string): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'apigw-responder',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:apigw-responder',
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/apigw-responder',
    logStreamName: '2025/05/01/[$LATEST]0000',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The event Lambda builds from an SNS notification (the HTTP envelope's fields under Records[].Sns). */
export function lambdaSnsEvent(notification: Record<string, unknown>, subscriptionArn: string) {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: notification['Type'],
          MessageId: notification['MessageId'],
          TopicArn: notification['TopicArn'],
          Subject: notification['Subject'] ?? null,
          Message: notification['Message'],
          Timestamp: notification['Timestamp'],
          SignatureVersion: notification['SignatureVersion'],
          Signature: notification['Signature'],
          SigningCertUrl: notification['SigningCertURL'],
          UnsubscribeUrl: notification['UnsubscribeURL'],
          MessageAttributes: notification['MessageAttributes'] ?? {},
        },
      },
    ],
  };
}

export async function startSnsLambdaAdapter(options: {
  readonly handler: LambdaHandler;
  /** The function's timeout. @default 60000 */
  readonly timeoutMs?: number;
  /** Set once the subscription exists. */
  readonly subscriptionArn: () => string;
}): Promise<SnsLambdaAdapter> {
  const invocations: Invocation[] = [];
  const running = new Set<Promise<void>>();
  let counter = 0;

  function invoke(event: unknown): void {
    counter += 1;
    const context = lambdaContext(
      options.timeoutMs ?? 60_000,
      `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    );
    const run = options
      .handler(event, context)
      .then(
        (result) => {
          invocations.push({ event, result });
        },
        (error: unknown) => {
          invocations.push({ event, error });
        },
      )
      .finally(() => running.delete(run));
    running.add(run);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        res.writeHead(400).end();
        return;
      }
      res.writeHead(200).end();
      if (body['Type'] === 'SubscriptionConfirmation' && typeof body['SubscribeURL'] === 'string') {
        // Only ever the local emulator: nothing leaves 127.0.0.1.
        if (new URL(body['SubscribeURL']).hostname === '127.0.0.1') void fetch(body['SubscribeURL']);
        return;
      }
      if (body['Type'] === 'Notification') invoke(lambdaSnsEvent(body, options.subscriptionArn()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/sns`,
    invocations,
    async settled(count = 0, timeoutMs = 90_000) {
      const until = Date.now() + timeoutMs;
      while (running.size > 0 || invocations.length < count) {
        if (Date.now() > until)
          throw new Error(`timed out waiting for ${count} invocation(s); ${invocations.length} finished`);
        await Promise.race([...running, new Promise((r) => setTimeout(r, 50))]);
      }
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
