/**
 * The interactions Lambda run locally the way AWS runs it: an HTTP server stands in for its
 * function URL (each request becomes a payload-2.0 event, the raw body base64-encoded as function
 * URLs deliver form posts) and a poller stands in for the SQS event source mapping (messages of
 * the work queue on the emulator become SQS events). Moto cannot run Lambda code without Docker.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { FunctionUrlResult } from '../../functions/interactions/function-url';

type Handler = (event: unknown) => Promise<unknown>;

export interface InteractionsEndpoint {
  readonly url: string;
  /** Runs the queued work until the queue is empty; resolves with how many actions ran. */
  drain(): Promise<number>;
  close(): Promise<void>;
}

export async function startInteractionsEndpoint(options: {
  readonly handler: Handler;
  readonly queueUrl: string;
  readonly sqs: SQSClient;
}): Promise<InteractionsEndpoint> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
      const event = {
        version: '2.0',
        rawPath: req.url ?? '/',
        headers,
        body: Buffer.concat(chunks).toString('base64'),
        isBase64Encoded: true,
        requestContext: { http: { method: req.method ?? 'POST', path: req.url ?? '/' } },
      };
      options.handler(event).then(
        (result) => {
          const r = result as FunctionUrlResult;
          res.writeHead(r.statusCode, r.headers ?? {});
          res.end(r.body);
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async drain(): Promise<number> {
      let ran = 0;
      for (;;) {
        const out = await options.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: options.queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 0 }),
        );
        const message = out.Messages?.[0];
        if (message === undefined) return ran;
        await options.handler({ Records: [{ messageId: message.MessageId ?? '', body: message.Body ?? '' }] });
        await options.sqs.send(
          new DeleteMessageCommand({ QueueUrl: options.queueUrl, ReceiptHandle: message.ReceiptHandle }),
        );
        ran += 1;
      }
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
