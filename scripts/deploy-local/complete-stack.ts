/**
 * Makes the emulator's copy of the stack complete: creates, through each service's own API and
 * from the template, the resources its CloudFormation skipped, and sets the properties it dropped.
 * Every such emulator gap is reported as one line.
 */
import type { StackState } from './deployed-stack';
import { UnresolvedReference } from './intrinsics';
import { RESOURCE_HANDLERS } from './resources';

export interface CompletionReport {
  /** One line per emulator gap met and how it was filled. */
  readonly gaps: readonly string[];
  /** Resources that could be neither found nor created. */
  readonly missing: readonly string[];
  /** Logical ids of the resources created here (cdk destroy does not know them). */
  readonly created: readonly string[];
}

/** Deletes what completeStack created, before `cdk destroy` removes the rest. */
export async function removeCreated(state: StackState, created: readonly string[]): Promise<void> {
  for (const logicalId of [...created].reverse()) {
    const resource = state.stack.template.Resources[logicalId];
    const physicalId = state.ids.get(logicalId);
    const handler = resource === undefined ? undefined : RESOURCE_HANDLERS[resource.Type];
    if (handler?.remove === undefined || physicalId === undefined) continue;
    await handler.remove(physicalId, state.properties(logicalId), state.context).catch(() => undefined);
  }
}

export async function completeStack(state: StackState, log: (line: string) => void): Promise<CompletionReport> {
  const gaps: string[] = [];
  const missing: string[] = [];
  const created: string[] = [];
  let pending = state.resources().filter((resource) => !state.ids.has(resource.logicalId));
  // Skipped resources may refer to each other: create what can be resolved, then retry the rest.
  while (pending.length > 0) {
    const deferred: typeof pending = [];
    for (const { logicalId, type } of pending) {
      const handler = RESOURCE_HANDLERS[type];
      if (handler?.create === undefined) {
        missing.push(`${logicalId} (${type}): not created by the emulator's CloudFormation, and no way to create it`);
        continue;
      }
      try {
        const physicalId = await handler.create(logicalId, state.properties(logicalId), state.context);
        state.ids.set(logicalId, physicalId);
        created.push(logicalId);
        gaps.push(`${type}: skipped by the emulator's CloudFormation; created ${logicalId} through its API`);
      } catch (error) {
        if (error instanceof UnresolvedReference) deferred.push({ logicalId, type, resource: { Type: type } });
        else missing.push(`${logicalId} (${type}): could not create it: ${(error as Error).message}`);
      }
    }
    if (deferred.length === pending.length) {
      for (const { logicalId, type } of deferred)
        missing.push(`${logicalId} (${type}): refers to a resource that does not exist`);
      break;
    }
    pending = deferred;
  }
  for (const { logicalId, type } of state.resources()) {
    const handler = RESOURCE_HANDLERS[type];
    const physicalId = state.ids.get(logicalId);
    if (handler?.repair === undefined || physicalId === undefined) continue;
    const repaired = await handler.repair(physicalId, state.properties(logicalId), state.context);
    for (const property of repaired) {
      gaps.push(`${type}.${property}: dropped by the emulator's CloudFormation; set on ${logicalId} through its API`);
    }
  }
  // One line per kind of gap, not per resource.
  const unique = [
    ...new Set(
      gaps.map((gap) =>
        gap
          .replace(/(created|set on) \S+ through its API$/, '$1 through its API')
          .replace('set on through', 'set through'),
      ),
    ),
  ];
  for (const gap of unique) log(`emulator gap: ${gap}`);
  return { gaps: unique, missing, created };
}
