import {
  type AdapterContext,
  loadFromStream,
  type MessageSink,
  type Session,
  type SessionRef,
} from '@convx/core';
import { streamJson } from './load-json.js';
import { streamJsonl } from './load-jsonl.js';
import type { ChildPlan, CodexRefData } from './subagents.js';

/**
 * Streams one rollout of any generation, then loads the subagent rollouts discover nested under it; they
 * come back whole, as `children` of the session the promise resolves to.
 */
export async function streamRollout(
  ctx: AdapterContext,
  ref: SessionRef<CodexRefData>,
  emit: MessageSink,
): Promise<Session> {
  const session = await (ref.path.endsWith('.json') ? streamJson : streamJsonl)(ctx, ref, emit);
  const plans = ref.data?.children ?? [];
  if (!plans.length) return session;
  return { ...session, children: await Promise.all(plans.map((plan) => loadChild(ctx, plan))) };
}

/** Loads one rollout whole: its streamed messages collected, so load and stream never disagree. */
export const loadRollout = (ctx: AdapterContext, ref: SessionRef<CodexRefData>): Promise<Session> =>
  loadFromStream(streamRollout, ctx, ref);

async function loadChild(ctx: AdapterContext, plan: ChildPlan): Promise<Session> {
  const ref: SessionRef<CodexRefData> = {
    sessionId: plan.sessionId,
    fingerprint: '',
    path: plan.path,
    data: { children: plan.children },
  };
  const child = await loadRollout(ctx, ref);
  const nickname = child.meta?.agentNickname;
  const role = child.meta?.agentRole;
  return {
    ...child,
    agent: {
      id: child.sessionId,
      ...(typeof role === 'string' ? { type: role } : {}),
      ...(typeof nickname === 'string' ? { description: nickname } : {}),
    },
  };
}
