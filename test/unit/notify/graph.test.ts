/**
 * The incident graph: the metric widget request, the PNG from GetMetricWidgetImage (the emulator
 * has no such API: the client is mocked with a response in the real shape, a PNG's bytes), and
 * Slack's external upload flow against responses in the shape Slack documents.
 */
import { CloudWatchClient, GetMetricWidgetImageCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { consoleGraphUrl, metricWidget } from '../../../functions/notify/graph/metric-widget';
import { uploadToThread } from '../../../functions/notify/graph/slack-upload';
import { widgetImageReader } from '../../../functions/notify/graph/widget-image';
import { openSummary } from './support/summaries';

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('the metric widget', () => {
  it('graphs 5XX, requests and p99 integration latency of the API stage with threshold and onset', () => {
    const widget = metricWidget({ ...openSummary(), alarmThreshold: 5 });
    expect(widget['metrics']).toEqual([
      [
        'AWS/ApiGateway',
        '5XXError',
        'ApiName',
        'orders-api',
        'Stage',
        'prod',
        expect.objectContaining({ stat: 'Sum' }),
      ],
      ['AWS/ApiGateway', 'Count', 'ApiName', 'orders-api', 'Stage', 'prod', expect.objectContaining({ stat: 'Sum' })],
      [
        'AWS/ApiGateway',
        'IntegrationLatency',
        'ApiName',
        'orders-api',
        'Stage',
        'prod',
        expect.objectContaining({ stat: 'p99', yAxis: 'right' }),
      ],
    ]);
    expect(widget['annotations']).toEqual({
      horizontal: [{ label: 'alarm threshold', value: 5 }],
      vertical: [{ label: 'onset', value: openSummary().impact.onset }],
    });
    expect(Date.parse(widget['start'] as string)).toBeLessThan(Date.parse(openSummary().impact.onset!));
    expect(Date.parse(widget['end'] as string)).toBeGreaterThan(Date.parse(openSummary().stateChangeTime));
  });

  it('uses ApiId for an HTTP API and links the same graph in the console', () => {
    const http = { ...openSummary(), api: { kind: 'HTTP' as const, id: 'a1b2c3d4e5', stage: '$default' } };
    expect(JSON.stringify(metricWidget(http)['metrics'])).toContain('"ApiId","a1b2c3d4e5","Stage","$default"');
    expect(consoleGraphUrl(http)).toMatch(
      /^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-1#metricsV2\?graph=%7B/,
    );
  });
});

describe('GetMetricWidgetImage', () => {
  it('returns the PNG and sends the widget as JSON', async () => {
    const cw = mockClient(CloudWatchClient);
    cw.on(GetMetricWidgetImageCommand).resolves({ MetricWidgetImage: new Uint8Array(PNG) });
    const png = await widgetImageReader(new CloudWatchClient({ region: 'eu-west-1' }))(
      openSummary(),
      AbortSignal.timeout(1000),
    );
    expect(Buffer.from(png!)).toEqual(PNG);
    const sent = cw.commandCalls(GetMetricWidgetImageCommand)[0]!.args[0].input;
    expect(sent.OutputFormat).toBe('png');
    expect(JSON.parse(sent.MetricWidget!)).toEqual(expect.objectContaining({ view: 'timeSeries', period: 60 }));
    cw.restore();
  });

  it('posts nothing when the answer is not a PNG', async () => {
    const cw = mockClient(CloudWatchClient);
    cw.on(GetMetricWidgetImageCommand).resolves({ MetricWidgetImage: new TextEncoder().encode('<html>') });
    expect(
      await widgetImageReader(new CloudWatchClient({ region: 'eu-west-1' }))(openSummary(), AbortSignal.timeout(1000)),
    ).toBeUndefined();
    cw.restore();
  });
});

describe('Slack external upload', () => {
  it('gets an upload URL, uploads the bytes, completes into the thread', async () => {
    const calls: [string, Record<string, unknown>][] = [];
    const uploads: { url: string; bytes: number; type: string | null }[] = [];
    const call = (method: string, body: Record<string, unknown>) => {
      calls.push([method, body]);
      return Promise.resolve(
        method === 'files.getUploadURLExternal'
          ? { ok: true, upload_url: 'https://files.slack.com/upload/v1/CwABAAAAXAoAAVnX', file_id: 'F07ABCDEF12' }
          : { ok: true, files: [{ id: 'F07ABCDEF12', title: 'graph' }] },
      );
    };
    const fakeFetch = ((url: string, init?: RequestInit) => {
      uploads.push({
        url,
        bytes: (init?.body as Uint8Array).byteLength,
        type: new Headers(init?.headers).get('content-type'),
      });
      return Promise.resolve(new Response('OK - 70', { status: 200 }));
    }) as typeof fetch;

    const id = await uploadToThread(
      call,
      { channel: 'C0INCIDENTS', threadTs: '1714564980.000100', filename: 'inc.png', title: 'graph', png: PNG },
      { fetch: fakeFetch, signal: AbortSignal.timeout(1000) },
    );

    expect(id).toBe('F07ABCDEF12');
    expect(calls).toEqual([
      ['files.getUploadURLExternal', { filename: 'inc.png', length: PNG.byteLength }],
      [
        'files.completeUploadExternal',
        { files: [{ id: 'F07ABCDEF12', title: 'graph' }], channel_id: 'C0INCIDENTS', thread_ts: '1714564980.000100' },
      ],
    ]);
    expect(uploads).toEqual([
      { url: 'https://files.slack.com/upload/v1/CwABAAAAXAoAAVnX', bytes: PNG.byteLength, type: 'image/png' },
    ]);
  });

  it('fails clearly when Slack answers without an upload URL', async () => {
    await expect(
      uploadToThread(
        () => Promise.resolve({ ok: true }),
        { channel: 'C', threadTs: '1.2', filename: 'f', title: 't', png: PNG },
        {
          signal: AbortSignal.timeout(1000),
        },
      ),
    ).rejects.toThrow('no upload_url/file_id');
  });
});
