import type { AdapterContext, Session, SessionRef } from '@convx/core';
import { loadJson } from './load-json.js';
import { loadJsonl } from './load-jsonl.js';
import { type ChildPlan, readChildPlans } from './subagents.js';

/** Loads one rollout of any generation, with the subagent rollouts discover nested under it. */
export async function loadRollout(ctx: AdapterContext, ref: SessionRef): Promise<Session> {
  const session = await (ref.path.endsWith('.json') ? loadJson(ctx, ref) : loadJsonl(ctx, ref));
  const plans = readChildPlans(ref.data);
  if (!plans.length) return session;
  return { ...session, children: await Promise.all(plans.map((plan) => loadChild(ctx, plan))) };
}

async function loadChild(ctx: AdapterContext, plan: ChildPlan): Promise<Session> {
  const ref: SessionRef = {
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
