/**
 * Reads every resource of the stack back from the emulator and compares it with the template:
 * one line per mismatch, and "not verified: TYPE" for a type no handler knows.
 */
import { compareProperties, show } from './compare';
import type { StackState } from './deployed-stack';
import { RESOURCE_HANDLERS } from './resources';

export interface VerifyReport {
  readonly resources: number;
  readonly mismatches: readonly string[];
  readonly notVerified: readonly string[];
  /** Template properties the emulator cannot hold, so they were not compared (emulator gaps). */
  readonly emulatorLimits: readonly string[];
  /**
   * Template properties no handler reads back (e.g. a function's Code, a resource's Tags): listed
   * so nobody mistakes them for checked. Extend the handler to compare one.
   */
  readonly notCompared: readonly string[];
}

export function summaryLine(report: VerifyReport): string {
  const base = `${report.resources} resources, ${report.mismatches.length} mismatches`;
  return report.notVerified.length === 0 ? base : `${base}, ${report.notVerified.length} not verified`;
}

export async function verifyStack(state: StackState): Promise<VerifyReport> {
  const mismatches: string[] = [];
  const notVerified: string[] = [];
  const unverifiable = new Set<string>();
  const notCompared = new Set<string>();
  const resources = state.resources();
  for (const { logicalId, type } of resources) {
    const handler = RESOURCE_HANDLERS[type];
    if (handler === undefined) {
      notVerified.push(`not verified: ${type} (${logicalId})`);
      continue;
    }
    const physicalId = state.ids.get(logicalId);
    if (physicalId === undefined) {
      mismatches.push(`${logicalId} (${type}): not deployed`);
      continue;
    }
    try {
      const template = state.properties(logicalId);
      const deployed = { ...(await handler.read(physicalId, template, state.context)) };
      for (const property of Object.keys(template)) {
        if (!(property in deployed) && !(property in (handler.emulatorLimits ?? {})))
          notCompared.add(`${type}.${property}`);
      }
      for (const [property, reason] of Object.entries(handler.emulatorLimits ?? {})) {
        if (!(property in template)) continue;
        delete deployed[property];
        unverifiable.add(`${type}.${property}: ${reason}`);
      }
      for (const mismatch of compareProperties(template, deployed, handler.defaults)) {
        mismatches.push(
          `${logicalId} (${type}) ${mismatch.property}: template ${show(mismatch.expected)}, deployed ${show(mismatch.actual)}`,
        );
      }
    } catch (error) {
      mismatches.push(`${logicalId} (${type}): cannot read it back: ${(error as Error).message}`);
    }
  }
  return {
    resources: resources.length,
    mismatches,
    notVerified,
    emulatorLimits: [...unverifiable],
    notCompared: [...notCompared].sort(),
  };
}
