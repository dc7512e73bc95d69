/** The accuracy report's headline figures, including a split that has no cases yet. */
import { formatReport, measureAccuracy } from '../../../functions/classifier/accuracy';

describe('accuracy report', () => {
  it('a split without cases has no accuracy, rather than an accuracy of zero', () => {
    const report = measureAccuracy([]);
    expect(report.accuracy).toBeNull();
    expect(formatReport('held-out', report).split('\n')[0]).toBe('held-out: no cases');
  });

  it('counts right and wrong answers', () => {
    const report = measureAccuracy([
      { id: 'timeout', log_lines: ['Execution failed due to a timeout error'], accept: ['INTEGRATION_TIMEOUT'] },
      { id: 'wrong', log_lines: ['Execution failed due to a timeout error'], accept: ['THROTTLING'] },
    ]);
    expect(report.accuracy).toBe(0.5);
    expect(formatReport('split', report).split('\n')[0]).toBe('split: 1/2 correct, accuracy 0.500');
  });
});
