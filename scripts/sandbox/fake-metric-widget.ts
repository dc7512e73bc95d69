/**
 * CloudWatch's GetMetricWidgetImage for the sandbox, which moto (5.2.5) does not serve: a local
 * endpoint for the CloudWatch client (AWS_ENDPOINT_URL_CLOUDWATCH) that answers that one operation
 * in the service's wire format and passes every other CloudWatch request on to the emulator
 * unchanged (DescribeAlarms, GetMetricData: moto serves those).
 *
 * The answer is the recorded format, in both protocols a CloudWatch client speaks: AWS JSON 1.0
 * (`X-Amz-Target: GraniteServiceVersion20100801.GetMetricWidgetImage`, what the SDK in use sends)
 * gets `{"MetricWidgetImage": "<base64 PNG>"}`; the Query protocol (`Action=GetMetricWidgetImage`)
 * gets the XML the API reference shows (GetMetricWidgetImageResponse > GetMetricWidgetImageResult >
 * MetricWidgetImage, and ResponseMetadata > RequestId). Each request is recorded with the access
 * key id its SigV4 Authorization header names: whose credentials drew the graph.
 */
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headersOf } from './fake-http';

/** A real 1×1 PNG. */
export const WIDGET_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const JSON_TARGET = 'GraniteServiceVersion20100801.GetMetricWidgetImage';

export interface WidgetRequest {
  /** The access key id of the Authorization header's Credential. */
  readonly accessKeyId: string;
  /** The MetricWidget the client asked for, parsed. */
  readonly widget: Record<string, unknown>;
}

export interface FakeMetricWidget {
  /** For AWS_ENDPOINT_URL_CLOUDWATCH. */
  readonly url: string;
  /** Every GetMetricWidgetImage received, in order. */
  requests(): WidgetRequest[];
  close(): Promise<void>;
}

function keyIdOf(authorization: string | undefined): string {
  return /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1] ?? '';
}

/** The widget a GetMetricWidgetImage asks for, or undefined when the request is another operation. */
function widgetOf(headers: Record<string, string>, body: string): { widget: string; json: boolean } | undefined {
  if (headers['x-amz-target'] === JSON_TARGET) {
    const input = JSON.parse(body) as { MetricWidget?: string };
    return { widget: input.MetricWidget ?? '{}', json: true };
  }
  const form = new URLSearchParams(headers['content-type']?.includes('x-www-form-urlencoded') === true ? body : '');
  if (form.get('Action') !== 'GetMetricWidgetImage') return undefined;
  return { widget: form.get('MetricWidget') ?? '{}', json: false };
}

function answer(res: ServerResponse, json: boolean): void {
  const requestId = randomUUID();
  const image = WIDGET_PNG.toString('base64');
  if (json) {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId });
    res.end(JSON.stringify({ MetricWidgetImage: image }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
  res.end(
    `<GetMetricWidgetImageResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><GetMetricWidgetImageResult><MetricWidgetImage>${image}</MetricWidgetImage></GetMetricWidgetImageResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetMetricWidgetImageResponse>`,
  );
}

/** Forwards the request as it came (method, path, headers, body) to the emulator. */
function forward(target: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const headers = { ...req.headers, host: target.host };
  const out = httpRequest(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
    (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    },
  );
  out.on('error', (error) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`fake-metric-widget: ${error.message}`);
  });
  out.end(body);
}

/** Starts the endpoint on 127.0.0.1; `emulator` is moto's endpoint, which serves the rest of CloudWatch. */
export async function startFakeMetricWidget(emulator: string): Promise<FakeMetricWidget> {
  const target = new URL(emulator);
  const received: WidgetRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers = headersOf(req);
      const asked = widgetOf(headers, body.toString('utf8'));
      if (asked === undefined) {
        forward(target, req, body, res);
        return;
      }
      received.push({
        accessKeyId: keyIdOf(headers['authorization']),
        widget: JSON.parse(asked.widget) as Record<string, unknown>,
      });
      answer(res, asked.json);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => [...received],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
