import type { Hypothesis, RemediationStep } from '../../types';
import type { RemediationContext } from '../context';
import { regionFlag, step } from '../commands';

export function responseTooLargeSteps(h: Hypothesis, ctx: RemediationContext): RemediationStep[] {
  if (h.subCause === 'request-payload-too-large') {
    return [
      {
        title: 'Upload large request bodies to S3 instead',
        detail:
          'Synchronous Lambda invocations accept at most 6 MB (API Gateway 10 MB). Have the client upload to S3 with a presigned URL and send the object key.',
      },
      step(
        ctx,
        'Find the rejected requests',
        undefined,
        ['apiId', 'stage'],
        () =>
          `aws logs filter-log-events --log-group-name API-Gateway-Execution-Logs_${ctx.apiId}/${ctx.stage} --filter-pattern '?RequestEntityTooLarge ?"must be smaller than"' --max-items 20${regionFlag(ctx)}`,
      ),
    ];
  }
  return [
    {
      title: 'Paginate the response',
      detail:
        'A synchronous Lambda response is limited to 6 MB (6291556 bytes including the proxy envelope; API Gateway itself caps payloads at 10 MB). Return pages with a limit and a next-page token.',
    },
    {
      title: 'Return a link instead of the data',
      detail:
        'Write large results to S3 and return a presigned URL (or a 303 redirect to it); the client downloads directly from S3 without the size limit.',
    },
    {
      title: 'Compress when the result is only slightly over',
      detail:
        'Gzip the body, base64-encode it with isBase64Encoded: true and Content-Encoding: gzip (base64 adds a third, so this only helps for compressible data), or use Lambda response streaming through a function URL.',
    },
    step(
      ctx,
      'Find the requests that produce the largest responses',
      undefined,
      ['functionName'],
      () =>
        `aws logs filter-log-events --log-group-name /aws/lambda/${ctx.functionName} --filter-pattern '"payload size exceeded"' --max-items 20${regionFlag(ctx)}`,
    ),
  ];
}
