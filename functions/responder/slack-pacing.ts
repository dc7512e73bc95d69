/**
 * Slack takes about one message per second per channel. Concurrent invocations share the channel,
 * so the slots are reserved in the store rather than counted in memory.
 */
import type { DestinationName } from '../types';
import type { InvocationContext } from './invocation';
import type { ResponderDeps } from './ports';

/** Waits for the next Slack slot of the channel, never past the point where delivery must start. */
export async function paceSlack(
  deps: ResponderDeps,
  only: readonly DestinationName[],
  ctx: InvocationContext,
): Promise<void> {
  const { store, log, settings } = deps;
  if (!only.includes('slack') || settings.slackIntervalMs <= 0) return;
  const now = deps.now();
  const slot = await store.reserveSlot(`slack#${settings.slackChannel}`, now, settings.slackIntervalMs);
  const wait = Math.min(slot - now, ctx.deadline - settings.notifyReserveMs / 2 - now);
  if (wait > 0) {
    log.debug('pacing Slack', { waitMs: wait });
    await deps.sleep(wait);
  }
}
