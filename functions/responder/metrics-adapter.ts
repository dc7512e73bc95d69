/** The responder's metrics port on Powertools Metrics (shared with the Slack interactions Lambda). */
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ResponderMetrics } from './ports';

export function metricsAdapter(metrics: Metrics): ResponderMetrics {
  return {
    count(name, dimensions) {
      if (dimensions === undefined) {
        metrics.addMetric(name, MetricUnit.Count, 1);
        return;
      }
      // Its own dimension set: a separate metric, so the plain one (alarmed on) keeps its dimensions.
      const single = metrics.singleMetric();
      for (const [key, value] of Object.entries(dimensions)) single.addDimension(key, value);
      single.addMetric(name, MetricUnit.Count, 1);
    },
    milliseconds(name, value) {
      metrics.addMetric(name, MetricUnit.Milliseconds, value);
    },
  };
}
