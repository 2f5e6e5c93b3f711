import { createSession, type Message, type Session, TimeSpan } from '@convx/core';
import { Transcript } from './transcript.js';

/** A subagent met in the event log: its own transcript, kept whole, and the subagents it started. */
export interface Agent {
  /** The tool call that started it: the renderer links the call to the child by this id. */
  callId: string;
  transcript: Transcript;
  messages: Message[];
  span: TimeSpan;
  children: Agent[];
  type?: string;
  displayName?: string;
  description?: string;
  failed?: boolean;
}

/**
 * Routes the events of subagents to transcripts of their own. Copilot CLI writes a subagent's events into
 * the same log, marked with the tool call that started it (`data.parentToolCallId`) or, in newer versions,
 * with the agent's instance id (`agentId`, tied to the call by its `subagent.started`). Each subagent hangs
 * under the transcript that made its call (nested subagents nest), else under the session.
 */
export class Subagents {
  readonly top: Agent[] = [];
  private readonly byCall = new Map<string, Agent>();
  private readonly callOfAgentId = new Map<string, string>();
  /** Which agent made each tool call (absent: the session itself), to nest the agents it starts. */
  private readonly callOwner = new Map<string, Agent>();

  constructor(private readonly main: Transcript) {}

  /** The agent an event belongs to, or undefined for the session's own. */
  ownerOf(agentId: string | undefined, parentToolCallId: string | undefined): Agent | undefined {
    if (parentToolCallId) return this.agent(parentToolCallId);
    if (!agentId) return undefined;
    return this.agent(this.callOfAgentId.get(agentId) ?? agentId);
  }

  transcriptOf(agent: Agent | undefined): Transcript {
    return agent?.transcript ?? this.main;
  }

  /** Remembers who made a call, so an agent it starts nests under the right transcript. */
  madeCall(callId: string, owner: Agent | undefined): void {
    if (owner) this.callOwner.set(callId, owner);
  }

  /** `subagent.started`: names the agent of a call, and ties an `agentId` to it when the event has one. */
  started(
    callId: string,
    agentId: string | undefined,
    facts: { type?: string; displayName?: string; description?: string; model?: string },
  ): Agent {
    if (agentId && !this.callOfAgentId.has(agentId) && !this.byCall.has(agentId))
      this.callOfAgentId.set(agentId, callId);
    const agent = this.agent(callId);
    if (facts.type) agent.type = facts.type;
    if (facts.displayName) agent.displayName = facts.displayName;
    if (facts.description) agent.description = facts.description;
    agent.transcript.useModel(facts.model);
    return agent;
  }

  /** The agent started by a call, made on first sight. */
  agent(callId: string): Agent {
    const known = this.byCall.get(callId);
    if (known) return known;
    const messages: Message[] = [];
    const span = new TimeSpan();
    const agent: Agent = {
      callId,
      messages,
      span,
      children: [],
      transcript: new Transcript((message) => {
        span.add(message.timestamp);
        messages.push(message);
      }),
    };
    this.byCall.set(callId, agent);
    const parent = this.callOwner.get(callId);
    (parent ? parent.children : this.top).push(agent);
    return agent;
  }

  /** The subagents as child sessions of the session `parentId`, in the order they started. */
  sessions(parentId: string, common: { source: string; path: string; cwd?: string | undefined }): Session[] {
    return this.top.flatMap((agent) => toSession(agent, parentId, common));
  }
}

function toSession(
  agent: Agent,
  parentId: string,
  common: { source: string; path: string; cwd?: string | undefined },
): Session[] {
  // An agent that was named but said nothing (its events were not kept) is no conversation.
  if (!agent.messages.length && !agent.children.length) return [];
  const sessionId = `${parentId}/agent-${agent.callId}`;
  const description = agent.description ?? agent.displayName;
  const info: NonNullable<Session['agent']> = { id: agent.callId };
  if (agent.type) info.type = agent.type;
  if (description) info.description = description;
  return [
    createSession({
      source: common.source,
      sessionId,
      title: description,
      cwd: common.cwd,
      startedAt: agent.span.startedAt,
      endedAt: agent.span.endedAt,
      models: agent.transcript.models,
      sourceLocation: { path: common.path },
      messages: agent.messages,
      agent: info,
      children: agent.children.flatMap((child) => toSession(child, sessionId, common)),
    }),
  ];
}
