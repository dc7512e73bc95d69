/** The one evaluator of CloudWatch alarm semantics, shared by the stack, the backtest and the benchmark. */
export * from './alarm-rule';
export * from './evaluate';
export * from './signal-series';
export * from './aggregate';
