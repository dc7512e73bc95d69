#!/usr/bin/env node
// The published entry point: registers tsx for both require() and import() (commands lazy-load
// their modules), so the TypeScript CLI runs without a build step.
require('tsx/cjs');
import('tsx/esm').then(
  () => require('./cli.ts'),
  (error) => {
    process.stderr.write(`apigw-responder: cannot load the TypeScript runtime (tsx): ${error.message}\n`);
    process.exitCode = 1;
  },
);
