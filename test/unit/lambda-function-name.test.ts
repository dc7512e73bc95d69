import { lambdaFunctionName } from '../../functions/lambda-function-name';
import { mayReadFunction } from '../../functions/diagnosis/api-read-scope';

describe('lambdaFunctionName', () => {
  it.each([
    ['orders', 'orders'],
    ['orders:live', 'orders'],
    ['orders:7', 'orders'],
    ['arn:aws:lambda:eu-west-1:123456789012:function:orders', 'orders'],
    ['arn:aws:lambda:eu-west-1:123456789012:function:orders:live', 'orders'],
    ['123456789012:function:orders:live', 'orders'],
  ])('%s names the function %s', (given, name) => {
    expect(lambdaFunctionName(given)).toBe(name);
  });

  it('lets a qualified integration read the function its API lists (the read scope)', () => {
    const scope = {
      api: 'REST API orders',
      discoverCommand: '',
      discovery: 'listed' as const,
      backendFunctions: ['arn:aws:lambda:eu-west-1:123456789012:function:orders'],
      accessLogGroups: [],
    };
    expect(mayReadFunction(scope, 'orders:live')).toBe(true);
    expect(mayReadFunction(scope, 'payments:live')).toBe(false);
  });
});
