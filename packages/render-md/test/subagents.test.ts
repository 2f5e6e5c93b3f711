import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { frontMatterOf, must, renderFiles, sample, session } from './helpers.js';

const full = () => sample('full');

describe('subagents', () => {
  it('renders each child to its own file, linked where it was spawned and linking back', () => {
    const files = renderFiles(full());
    expect([...files.keys()]).toEqual(['.md', '/agent-a1b2c3d.md']);
    const main = must(files.get('.md'));
    expect(main).toContain(
      '</details>\n\n↳ Subagent: [Find the config loader](2026-03-01-1000-fix-login/agent-a1b2c3d.md) (`Explore`)\n',
    );
    expect(main).not.toContain('## Subagents');
    const child = must(files.get('/agent-a1b2c3d.md'));
    expect(parse(frontMatterOf(child))).toMatchObject({
      agent_id: 'a1b2c3d',
      agent_type: 'Explore',
      parent: 'sample:full',
    });
    expect(child).toContain('\n↩ Spawned by [Fix the flaky login test](../2026-03-01-1000-fix-login.md)\n');
    expect(child).toContain('It is loaded in `src/config.ts`.');
  });

  it('matches a spawning call by call id or by the prompt the child received', () => {
    const byCallId = session([{ kind: 'text', role: 'user', text: 'one' }], {
      sessionId: 'x1',
      agent: { id: 'call_9' },
    });
    const byPrompt = session([{ kind: 'text', role: 'user', text: 'Audit  the\nlogging' }], {
      sessionId: 'x2',
      agent: { id: 'f00d' },
    });
    const parent = session(
      [
        { kind: 'tool-call', role: 'assistant', name: 'spawn', input: {}, callId: 'call_9' },
        { kind: 'tool-call', role: 'assistant', name: 'Bash', input: { prompt: 'audit the logging' } },
        { kind: 'tool-call', role: 'assistant', name: 'task', input: { prompt: 'Audit the logging' } },
      ],
      { children: [byCallId, byPrompt] },
    );
    const main = must(renderFiles(parent, {}, 'p').get('.md'));
    const blocks = main.split('<details>\n').slice(1);
    expect(blocks[0]).toContain('*(no input)*\n\n</details>\n\n↳ Subagent: [one](p/agent-call_9.md)');
    expect(blocks[1]).not.toContain('Subagent');
    expect(blocks[2]).toContain('↳ Subagent: [Audit the logging](p/agent-f00d.md)');
    expect(main).not.toContain('## Subagents');
  });

  it('nests grandchildren, sanitizes ids and lists unmatched children at the end', () => {
    const grandchild = session([{ kind: 'text', role: 'user', text: 'deep work' }], {
      sessionId: 'g',
      agent: { id: '../evil id' },
    });
    const child = session([{ kind: 'text', role: 'user', text: 'child work' }], {
      sessionId: 'c',
      agent: { id: 'abc1234', description: 'Survey tests' },
      children: [grandchild],
    });
    const twin = session([], { sessionId: 'd', agent: { id: 'ABC1234' } });
    const parent = session(
      [
        {
          kind: 'tool-call',
          role: 'assistant',
          name: 'Task',
          input: { description: 'Unrelated' },
          callId: 't1',
        },
        { kind: 'tool-result', role: 'tool', callId: 't1', output: 'Done.\nagentId: abc1234' },
      ],
      { children: [child, twin] },
    );
    const files = renderFiles(parent, {}, 'base');
    expect([...files.keys()]).toEqual([
      '.md',
      '/agent-abc1234.md',
      '/agent-abc1234/agent-_evil_id.md',
      '/agent-ABC1234-2.md',
    ]);
    const main = must(files.get('.md'));
    expect(main).toContain('↳ Subagent: [Survey tests](base/agent-abc1234.md)');
    expect(main).toContain('## Subagents\n\n- [Subagent ABC1234](base/agent-ABC1234-2.md)\n');
    expect(files.get('/agent-abc1234.md')).toContain(
      '## Subagents\n\n- [deep work](agent-abc1234/agent-_evil_id.md)',
    );
    expect(files.get('/agent-abc1234/agent-_evil_id.md')).toContain(
      '↩ Spawned by [Survey tests](../agent-abc1234.md)',
    );
  });
});
