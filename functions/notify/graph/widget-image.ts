/** The PNG of the incident graph from CloudWatch GetMetricWidgetImage, with the client given (its account). */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { GetMetricWidgetImageCommand } from '@aws-sdk/client-cloudwatch';
import type { IncidentSummary } from '../../types';
import { metricWidget } from './metric-widget';

/** The PNG, or undefined when CloudWatch's answer is not one. */
export type WidgetImage = (summary: IncidentSummary, signal: AbortSignal) => Promise<Uint8Array | undefined>;

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

export function widgetImageReader(client: Pick<CloudWatchClient, 'send'>): WidgetImage {
  return async (summary, signal) => {
    const out = await client.send(
      new GetMetricWidgetImageCommand({ MetricWidget: JSON.stringify(metricWidget(summary)), OutputFormat: 'png' }),
      { abortSignal: signal },
    );
    const image = out.MetricWidgetImage;
    // Anything but a PNG (an emulator's stub, an error page) is not posted.
    if (image === undefined || !PNG_MAGIC.every((byte, i) => image[i] === byte)) return undefined;
    return image;
  };
}
