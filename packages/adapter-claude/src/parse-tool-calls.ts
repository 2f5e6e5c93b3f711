import { isRecord, str } from '@convx/core';

/** A Task/Agent tool call, remembered so a subagent without `.meta.json` still gets its type and description. */
export interface AgentCall {
  callId: string;
  type?: string;
  description?: string;
  prompt?: string;
}

/** The subagent tool: `Task` in older versions, `Agent` in newer ones. */
const AGENT_TOOLS = new Set(['Task', 'Agent']);

/**
 * The tool calls of one conversation: drops a call id seen twice, names results after their call, and
 * links subagent calls to the agent ids their results report.
 */
export class ToolCalls {
  /** Task/Agent calls by the subagent id their result named. */
  readonly byAgentId = new Map<string, AgentCall>();
  private readonly names = new Map<string, string>();
  private readonly agentCalls = new Map<string, AgentCall>();

  /** Records a call; false when this call id was already seen (a re-written line). */
  add(callId: string, name: string, input: unknown): boolean {
    if (this.names.has(callId)) return false;
    this.names.set(callId, name);
    if (AGENT_TOOLS.has(name)) this.agentCalls.set(callId, agentCall(callId, input));
    return true;
  }

  nameOf(callId: string): string | undefined {
    return this.names.get(callId);
  }

  /** A subagent call's result names the agent it ran (`toolUseResult.agentId`). */
  linkResult(callId: string, structured: unknown): void {
    const agentId = isRecord(structured) ? str(structured.agentId) : undefined;
    const call = this.agentCalls.get(callId);
    if (agentId && call) this.byAgentId.set(agentId, call);
  }

  /** The Task/Agent call whose prompt started a sidechain (older transcripts name no agent id). */
  forPrompt(prompt: string | undefined): AgentCall | undefined {
    if (!prompt) return undefined;
    for (const call of this.agentCalls.values()) if (call.prompt?.trim() === prompt.trim()) return call;
    return undefined;
  }
}

function agentCall(callId: string, input: unknown): AgentCall {
  const call: AgentCall = { callId };
  if (isRecord(input)) {
    const type = str(input.subagent_type);
    const description = str(input.description);
    const prompt = str(input.prompt);
    if (type) call.type = type;
    if (description) call.description = description;
    if (prompt) call.prompt = prompt;
  }
  return call;
}
