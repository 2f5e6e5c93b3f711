import { describe, expect, it } from 'vitest';
import { brief, event, loadOnly, sessionFolder, tempHome } from './helpers.js';

const ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const task = (id: string, description: string, prompt: string) => ({
  toolCallId: id,
  name: 'task',
  arguments: { description, prompt, agent_type: 'general-purpose' },
});

describe('subagents', () => {
  it('nests a subagent inside the subagent that started it, and keeps the parent free of their events', async () => {
    const home = tempHome();
    sessionFolder(home, ID, [
      event('user.message', { content: 'Audit the repo' }),
      event('assistant.message', { content: '', toolRequests: [task('t1', 'Audit', 'Audit everything')] }),
      event('subagent.started', {
        toolCallId: 't1',
        agentName: 'general-purpose',
        agentDisplayName: 'General',
      }),
      event('assistant.message', {
        content: '',
        parentToolCallId: 't1',
        toolRequests: [task('t2', 'Check deps', 'List outdated deps')],
      }),
      event('subagent.started', { toolCallId: 't2', agentName: 'explore', agentDescription: 'Check deps' }),
      event('assistant.message', { content: 'lodash is outdated', parentToolCallId: 't2' }),
      event('tool.execution_complete', {
        toolCallId: 't2',
        parentToolCallId: 't1',
        success: true,
        result: { content: 'lodash' },
      }),
      event('assistant.message', { content: 'Audit done', parentToolCallId: 't1' }),
      event('tool.execution_complete', { toolCallId: 't1', success: true, result: { content: 'done' } }),
      event('assistant.message', { content: 'All checked.' }),
    ]);
    const session = await loadOnly(home);
    expect(session.messages.map(brief)).toEqual([
      'user: Audit the repo',
      'call task t1',
      'result t1: done',
      'assistant: All checked.',
    ]);
    const [outer] = session.children ?? [];
    expect(outer?.agent).toEqual({ id: 't1', type: 'general-purpose', description: 'General' });
    expect(outer?.sessionId).toBe(`${ID}/agent-t1`);
    expect(outer?.messages.map(brief)).toEqual([
      'context Subagent prompt: Audit everything',
      'call task t2',
      'result t2: lodash',
      'assistant: Audit done',
    ]);
    const [inner] = outer?.children ?? [];
    expect(inner?.sessionId).toBe(`${ID}/agent-t1/agent-t2`);
    expect(inner?.agent).toEqual({ id: 't2', type: 'explore', description: 'Check deps' });
    expect(inner?.messages.map(brief)).toEqual([
      'context Subagent prompt: List outdated deps',
      'assistant: lodash is outdated',
    ]);
  });

  it('routes events by agentId once subagent.started ties it to a call, and records a failure', async () => {
    const home = tempHome();
    sessionFolder(home, ID, [
      event('assistant.message', {
        content: '',
        toolRequests: [task('t9', 'Find flaky tests', 'Find them')],
      }),
      event(
        'subagent.started',
        { toolCallId: 't9', agentName: 'explore', agentDisplayName: 'Explore' },
        { agentId: 'ag-1' },
      ),
      event('assistant.message', { content: 'Looking at CI logs' }, { agentId: 'ag-1' }),
      event('subagent.failed', { toolCallId: 't9', agentName: 'explore', error: 'model overloaded' }),
      event('tool.execution_complete', {
        toolCallId: 't9',
        success: false,
        error: { message: 'Subagent failed' },
      }),
    ]);
    const session = await loadOnly(home);
    expect(session.messages.map(brief)).toEqual(['call task t9', 'result t9 error: Subagent failed']);
    expect(session.children?.map((c) => c.messages.map(brief))).toEqual([
      [
        'context Subagent prompt: Find them',
        'assistant: Looking at CI logs',
        'error: Subagent failed: model overloaded',
      ],
    ]);
  });

  it('keeps the events of a subagent whose start was not recorded, as a child of its own', async () => {
    const home = tempHome();
    sessionFolder(home, ID, [
      event('user.message', { content: 'hi' }),
      event('assistant.message', { content: 'from a helper', parentToolCallId: 'lost' }),
    ]);
    const session = await loadOnly(home);
    expect(session.messages.map(brief)).toEqual(['user: hi']);
    expect(session.children?.map((c) => [c.agent?.id, c.messages.map(brief)])).toEqual([
      ['lost', ['assistant: from a helper']],
    ]);
  });
});
