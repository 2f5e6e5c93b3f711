import type { TwinNode } from '@convx/explore/twin';

type Message = Record<string, unknown>;

/** The row standing for a subagent (its messages open in a transcript of their own). */
export function subagentEntry(children: readonly TwinNode[], index: number): Message {
  const child = children[index];
  const header = child?.header ?? {};
  const agent = typeof header.agent === 'object' && header.agent !== null ? (header.agent as Message) : {};
  const title = [header.title, agent.description, agent.type].find(
    (t) => typeof t === 'string' && t.trim() !== '',
  );
  return {
    kind: 'subagent',
    child: index,
    first: index === 0,
    title: typeof title === 'string' ? title : `Subagent ${index + 1}`,
    type: typeof agent.type === 'string' ? agent.type : '',
    messageCount: child ? (child.inline?.length ?? child.starts.length) : 0,
    startedAt: header.startedAt,
  };
}
