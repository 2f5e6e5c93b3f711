# Writes the Copilot CLI fixtures under fixtures/home/.copilot (run from the repository root). The files are
# committed; this script only documents how they were made and re-creates them after a deliberate change.
import json, os, uuid

ROOT = 'fixtures/home/.copilot'
counter = [0]

def eid():
    counter[0] += 1
    return str(uuid.UUID(int=0x5eed0000_0000_4000_8000_000000000000 + counter[0]))

class Log:
    def __init__(self):
        self.lines, self.last = [], None
    def ev(self, type, data, ts, **extra):
        e = {'type': type, 'data': data, 'id': eid(), 'timestamp': ts, 'parentId': self.last}
        e.update(extra)
        self.last = e['id']
        self.lines.append(json.dumps(e, separators=(',', ':'), ensure_ascii=False))
    def write(self, path, tail=''):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write('\n'.join(self.lines) + '\n' + tail)

SYSTEM = 'You are the GitHub Copilot CLI, a terminal assistant built by GitHub. ' * 8

# --- generation 1: history-session-state (2025-10) ---------------------------------------------------
hist = {
  'sessionId': '1c9f3e52-7a4b-4d2e-9f61-0b8a7c5d3e21',
  'startTime': '2025-10-01T08:40:00.000Z',
  'selectedModel': 'claude-sonnet-4',
  'chatMessages': [
    {'role': 'system', 'content': SYSTEM},
    {'role': 'user', 'content': 'Which tests fail in tests/test_units.py?\n\n<reminder>\nDo not modify files outside the current directory.\n</reminder>'},
    {'role': 'assistant', 'content': "I'll run the unit tests first.", 'tool_calls': [
      {'id': 'call_u1', 'type': 'function', 'function': {'name': 'bash', 'arguments': '{"command":"pytest tests/test_units.py -q","description":"Run the unit tests"}'}}]},
    {'role': 'tool', 'tool_call_id': 'call_u1', 'content': 'F.\nFAILED tests/test_units.py::test_fahrenheit - assert 31.8 == 32\n1 failed, 1 passed'},
    {'role': 'assistant', 'content': 'One test fails: `test_fahrenheit` rounds 31.8 instead of 32.'},
  ],
  'timeline': [
    {'id': 't1', 'timestamp': '2025-10-01T08:40:05.120Z', 'type': 'info', 'text': 'Logged in as alice'},
    {'id': 't2', 'timestamp': '2025-10-01T08:40:31.004Z', 'type': 'user', 'text': 'Which tests fail in @tests/test_units.py?',
     'expandedText': 'Which tests fail in tests/test_units.py?\n\n<file path="tests/test_units.py">def test_fahrenheit(): ...</file>',
     'mentions': [{'type': 'file', 'path': 'tests/test_units.py'}]},
    {'id': 't3', 'timestamp': '2025-10-01T08:40:36.550Z', 'type': 'copilot', 'text': "I'll run the unit tests first."},
    {'id': 't4', 'timestamp': '2025-10-01T08:40:41.870Z', 'type': 'tool_call_completed', 'callId': 'call_u1', 'name': 'bash',
     'toolTitle': 'Run the unit tests', 'intentionSummary': 'Run the unit tests',
     'arguments': {'command': 'pytest tests/test_units.py -q', 'description': 'Run the unit tests'},
     'result': {'type': 'success', 'log': 'F.\nFAILED tests/test_units.py::test_fahrenheit - assert 31.8 == 32\n1 failed, 1 passed'}},
    {'id': 't5', 'timestamp': '2025-10-01T08:40:44.002Z', 'type': 'tool_call_completed', 'callId': 'call_u2', 'name': 'str_replace_editor',
     'arguments': {'command': 'view', 'path': '/etc/weather.conf'},
     'result': {'type': 'failure', 'log': 'Path /etc/weather.conf is outside the allowed directories'}},
    {'id': 't6', 'timestamp': '2025-10-01T08:40:49.310Z', 'type': 'copilot', 'text': 'One test fails: `test_fahrenheit` rounds 31.8 instead of 32.'},
  ],
}
os.makedirs(f'{ROOT}/history-session-state', exist_ok=True)
with open(f'{ROOT}/history-session-state/session_1c9f3e52-7a4b-4d2e-9f61-0b8a7c5d3e21_1759308000000.json', 'w') as f:
    json.dump(hist, f, indent=2)
    f.write('\n')

# --- generation 2: bare session-state/<id>.jsonl (2025-12) ------------------------------------------
log = Log()
sid = '4d2a7b10-3c5e-4f81-a9d6-2e7b8c9d0f13'
log.ev('session.start', {'sessionId': sid, 'version': 1, 'producer': 'copilot-agent', 'copilotVersion': 'unknown', 'startTime': '2025-12-04T16:02:11.408Z'}, '2025-12-04T16:02:11.409Z')
log.ev('system.message', {'role': 'system', 'content': SYSTEM}, '2025-12-04T16:02:19.001Z')
log.ev('user.message', {'content': 'Convert notes.txt to Markdown headings\n\n<current_datetime>2025-12-04T16:02:19.000Z</current_datetime>', 'attachments': []}, '2025-12-04T16:02:19.002Z')
log.ev('assistant.turn_start', {'turnId': '0'}, '2025-12-04T16:02:19.120Z')
log.ev('assistant.message', {'messageId': 'm1', 'content': '', 'toolRequests': [
    {'toolCallId': 'toolu_01', 'name': 'view', 'arguments': {'path': '/home/alice/notes/notes.txt'}, 'type': 'function'}]}, '2025-12-04T16:02:22.640Z')
log.ev('tool.execution_start', {'toolCallId': 'toolu_01', 'toolName': 'view', 'arguments': {'path': '/home/alice/notes/notes.txt'}}, '2025-12-04T16:02:22.700Z')
log.ev('tool.execution_complete', {'toolCallId': 'toolu_01', 'success': True, 'result': {'content': '1. Groceries\n2. Dentist on Friday'}}, '2025-12-04T16:02:22.731Z')
log.ev('assistant.message', {'messageId': 'm2', 'content': 'Here is the file as Markdown:\n\n## Groceries\n## Dentist on Friday', 'toolRequests': []}, '2025-12-04T16:02:26.015Z')
log.ev('assistant.turn_end', {'turnId': '0'}, '2025-12-04T16:02:26.020Z')
log.ev('user.message', {'content': 'Also sort them alphabetically\n\n<current_datetime>2025-12-04T16:03:02.000Z</current_datetime>', 'attachments': []}, '2025-12-04T16:03:02.110Z')
log.ev('abort', {'reason': 'user initiated'}, '2025-12-04T16:03:04.870Z')
log.write(f'{ROOT}/session-state/{sid}.jsonl')

# --- generation 3, CLI 1.0.10: session folder with a subagent (parentToolCallId) -------------------
log = Log()
sid = '7f3e9a21-5b6c-4d8e-b1f2-3a4c5d6e7f80'
cwd = '/home/alice/work/payments-api'
log.ev('session.start', {'sessionId': sid, 'version': 1, 'producer': 'copilot-agent', 'copilotVersion': '1.0.10', 'startTime': '2026-03-17T10:15:02.511Z',
    'selectedModel': 'claude-sonnet-4.5', 'context': {'cwd': cwd, 'gitRoot': cwd, 'branch': 'fix/webhook-retry', 'headCommit': '9c1e2d4f7a', 'repository': 'alice/payments-api', 'hostType': 'github', 'repositoryHost': 'github.com'}}, '2026-03-17T10:15:02.512Z')
log.ev('system.message', {'role': 'system', 'content': SYSTEM}, '2026-03-17T10:15:30.100Z')
typed = 'Why does the Stripe webhook handler give up after one failed delivery? Add retries with backoff.'
log.ev('user.message', {'content': typed,
    'transformedContent': '<current_datetime>2026-03-17T10:15:30.099Z</current_datetime>\n\n' + typed + '\n\n<reminder>\n<sql_tables>No tables currently exist.</sql_tables>\n</reminder>',
    'attachments': [{'type': 'file', 'path': f'{cwd}/src/webhooks/stripe.ts', 'displayName': 'stripe.ts'}],
    'interactionId': 'int-1', 'source': 'user', 'agentMode': 'interactive'}, '2026-03-17T10:15:30.101Z')
log.ev('assistant.turn_start', {'turnId': '0'}, '2026-03-17T10:15:30.300Z')
reason = 'The handler probably catches the error and returns 200, so Stripe never retries. Read it first.'
log.ev('assistant.reasoning', {'reasoningId': 'r1', 'content': reason}, '2026-03-17T10:15:33.010Z')
log.ev('assistant.message', {'messageId': 'a1', 'content': 'Let me look at the handler and run its tests.', 'reasoningText': reason, 'outputTokens': 212, 'model': 'claude-sonnet-4.5',
    'toolRequests': [
      {'toolCallId': 'toolu_view1', 'name': 'view', 'arguments': {'path': f'{cwd}/src/webhooks/stripe.ts'}, 'type': 'function', 'intentionSummary': 'view the file at src/webhooks/stripe.ts', 'toolTitle': 'View stripe.ts'},
      {'toolCallId': 'toolu_bash1', 'name': 'bash', 'arguments': {'command': 'npm test -- webhooks', 'description': 'Run webhook tests', 'mode': 'sync'}, 'type': 'function', 'intentionSummary': 'Run webhook tests'}]}, '2026-03-17T10:15:34.200Z')
log.ev('tool.execution_start', {'toolCallId': 'toolu_view1', 'toolName': 'view', 'arguments': {'path': f'{cwd}/src/webhooks/stripe.ts'}}, '2026-03-17T10:15:34.210Z')
log.ev('tool.execution_complete', {'toolCallId': 'toolu_view1', 'success': True, 'model': 'claude-sonnet-4.5',
    'result': {'content': '1. export async function handle(event) {\n2.   try { await apply(event); } catch { /* ignore */ }\n3.   return { status: 200 };\n4. }',
               'detailedContent': '1. export async function handle(event) {\n2.   try { await apply(event); } catch { /* ignore */ }\n3.   return { status: 200 };\n4. }'}}, '2026-03-17T10:15:34.260Z')
log.ev('tool.execution_start', {'toolCallId': 'toolu_bash1', 'toolName': 'bash', 'arguments': {'command': 'npm test -- webhooks'}}, '2026-03-17T10:15:34.270Z')
log.ev('tool.execution_complete', {'toolCallId': 'toolu_bash1', 'success': False, 'error': {'message': 'Command failed with exit code 1: 2 failing (webhook retry)', 'code': 'failure'}}, '2026-03-17T10:15:41.905Z')
prompt = 'Find every place that calls apply() for Stripe events and say whether it swallows errors.'
log.ev('assistant.message', {'messageId': 'a2', 'content': '', 'model': 'claude-sonnet-4.5', 'toolRequests': [
    {'toolCallId': 'toolu_task1', 'name': 'task', 'arguments': {'description': 'Find swallowed webhook errors', 'prompt': prompt, 'agent_type': 'explore'}, 'type': 'function'}]}, '2026-03-17T10:15:44.010Z')
log.ev('tool.execution_start', {'toolCallId': 'toolu_task1', 'toolName': 'task', 'arguments': {'description': 'Find swallowed webhook errors', 'prompt': prompt, 'agent_type': 'explore'}}, '2026-03-17T10:15:44.020Z')
log.ev('subagent.started', {'toolCallId': 'toolu_task1', 'agentName': 'explore', 'agentDisplayName': 'Explore Agent', 'agentDescription': 'Find swallowed webhook errors'}, '2026-03-17T10:15:44.030Z')
log.ev('assistant.message', {'messageId': 's1', 'content': '', 'model': 'claude-haiku-4.5', 'parentToolCallId': 'toolu_task1', 'toolRequests': [
    {'toolCallId': 'toolu_grep1', 'name': 'grep', 'arguments': {'pattern': 'apply\\(event\\)', 'path': 'src'}, 'type': 'function'}]}, '2026-03-17T10:15:46.400Z')
log.ev('tool.execution_start', {'toolCallId': 'toolu_grep1', 'toolName': 'grep', 'arguments': {'pattern': 'apply\\(event\\)', 'path': 'src'}, 'parentToolCallId': 'toolu_task1'}, '2026-03-17T10:15:46.410Z')
log.ev('tool.execution_complete', {'toolCallId': 'toolu_grep1', 'success': True, 'parentToolCallId': 'toolu_task1', 'result': {'content': 'src/webhooks/stripe.ts:2\nsrc/jobs/replay.ts:14'}}, '2026-03-17T10:15:46.480Z')
log.ev('assistant.message', {'messageId': 's2', 'content': 'Two callers: `src/webhooks/stripe.ts:2` swallows errors; `src/jobs/replay.ts:14` rethrows them.', 'model': 'claude-haiku-4.5', 'parentToolCallId': 'toolu_task1', 'toolRequests': []}, '2026-03-17T10:15:49.750Z')
log.ev('subagent.completed', {'toolCallId': 'toolu_task1', 'agentName': 'explore', 'agentDisplayName': 'Explore Agent', 'model': 'claude-haiku-4.5', 'totalToolCalls': 1}, '2026-03-17T10:15:49.800Z')
log.ev('tool.execution_complete', {'toolCallId': 'toolu_task1', 'success': True, 'result': {'content': 'Two callers: `src/webhooks/stripe.ts:2` swallows errors; `src/jobs/replay.ts:14` rethrows them.'}}, '2026-03-17T10:15:49.810Z')
log.ev('assistant.message', {'messageId': 'a3', 'content': 'The handler swallows the error and answers 200, so Stripe never retries. I will rethrow and add a backoff.', 'model': 'claude-sonnet-4.5', 'toolRequests': []}, '2026-03-17T10:15:53.300Z')
log.ev('assistant.turn_end', {'turnId': '0'}, '2026-03-17T10:15:53.310Z')
log.ev('session.model_change', {'previousModel': 'claude-sonnet-4.5', 'newModel': 'gpt-5'}, '2026-03-17T10:16:20.000Z')
log.ev('user.message', {'content': 'Go ahead.', 'transformedContent': '<current_datetime>2026-03-17T10:16:25.000Z</current_datetime>\n\nGo ahead.', 'attachments': [], 'source': 'user'}, '2026-03-17T10:16:25.001Z')
log.ev('session.error', {'errorType': 'rate_limit', 'message': 'You have exceeded your premium request allowance. Try again in 20 minutes.', 'statusCode': 429}, '2026-03-17T10:16:26.500Z')
log.ev('session.shutdown', {'shutdownType': 'routine', 'totalPremiumRequests': 3, 'totalApiDurationMs': 18422, 'sessionStartTime': 1773742502511,
    'codeChanges': {'linesAdded': 0, 'linesRemoved': 0, 'filesModified': []}, 'modelMetrics': {'claude-sonnet-4.5': {'requests': {'count': 2}}, 'claude-haiku-4.5': {'requests': {'count': 2}}}, 'currentModel': 'gpt-5'}, '2026-03-17T10:16:40.000Z')
# The CLI was writing its next event when the file was copied: a last line cut short, which is normal.
log.write(f'{ROOT}/session-state/{sid}/events.jsonl', tail='{"type":"session.resume","data":{"resumeTime":"2026-03-1')
with open(f'{ROOT}/session-state/{sid}/workspace.yaml', 'w') as f:
    f.write(f'''id: {sid}
cwd: {cwd}
git_root: {cwd}
repository: alice/payments-api
host_type: github
branch: fix/webhook-retry
summary: Retry failed Stripe webhook deliveries
summary_count: 1
created_at: 2026-03-17T10:15:02.511Z
updated_at: 2026-03-17T10:16:40.000Z
''')

# --- generation 3, CLI 1.0.60: named session, opaque reasoning, agentId subagent, compaction --------
log = Log()
sid = 'b2c4d6e8-1a3b-4c5d-8e9f-0a1b2c3d4e5f'
cwd = '/home/alice/code/blog'
log.ev('session.start', {'sessionId': sid, 'version': 1, 'producer': 'copilot-agent', 'copilotVersion': '1.0.60', 'startTime': '2026-06-08T19:30:00.000Z',
    'selectedModel': 'gpt-5.1', 'context': {'cwd': cwd, 'gitRoot': cwd, 'branch': 'main', 'repository': 'alice/blog', 'hostType': 'github'}}, '2026-06-08T19:30:00.004Z')
log.ev('system.message', {'role': 'system', 'content': SYSTEM}, '2026-06-08T19:30:12.000Z')
log.ev('user.message', {'content': 'The RSS feed lists drafts. Only published posts should be in it.',
    'transformedContent': '<current_datetime>2026-06-08T19:30:12.000Z</current_datetime>\n\nThe RSS feed lists drafts. Only published posts should be in it.',
    'attachments': [{'type': 'blob', 'mimeType': 'image/png', 'displayName': 'feed.png', 'data': 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='}],
    'source': 'user', 'agentMode': 'interactive'}, '2026-06-08T19:30:12.001Z')
log.ev('assistant.turn_start', {'turnId': '0'}, '2026-06-08T19:30:12.200Z')
log.ev('assistant.message', {'messageId': 'b1', 'content': 'I will ask an explore agent to find where the feed is built.', 'reasoningOpaque': 'gAAAAABo-opaque-reasoning-token', 'model': 'gpt-5.1',
    'toolRequests': [{'toolCallId': 'call_task_rss', 'name': 'task', 'arguments': {'description': 'Locate RSS feed builder', 'prompt': 'Find the code that builds feed.xml and how it selects posts.', 'agent_type': 'explore'}, 'type': 'function'}]}, '2026-06-08T19:30:15.500Z')
log.ev('subagent.started', {'toolCallId': 'call_task_rss', 'agentName': 'explore', 'agentDisplayName': 'Explore Agent', 'agentDescription': 'Locate RSS feed builder', 'model': 'claude-haiku-4.5'}, '2026-06-08T19:30:15.520Z', agentId='agent-7c1f')
log.ev('assistant.message', {'messageId': 'c1', 'content': '', 'model': 'claude-haiku-4.5', 'toolRequests': [
    {'toolCallId': 'call_glob1', 'name': 'glob', 'arguments': {'pattern': '**/feed*'}, 'type': 'function'}]}, '2026-06-08T19:30:17.000Z', agentId='agent-7c1f')
log.ev('tool.execution_complete', {'toolCallId': 'call_glob1', 'success': True, 'result': {'content': 'scripts/build-feed.mjs'}}, '2026-06-08T19:30:17.040Z', agentId='agent-7c1f')
log.ev('assistant.message', {'messageId': 'c2', 'content': '`scripts/build-feed.mjs` reads every file in `posts/` and never checks `draft: true`.', 'model': 'claude-haiku-4.5', 'toolRequests': []}, '2026-06-08T19:30:20.300Z', agentId='agent-7c1f')
log.ev('subagent.completed', {'toolCallId': 'call_task_rss', 'agentName': 'explore', 'agentDisplayName': 'Explore Agent', 'model': 'claude-haiku-4.5'}, '2026-06-08T19:30:20.310Z')
log.ev('tool.execution_complete', {'toolCallId': 'call_task_rss', 'success': True, 'result': {'content': '`scripts/build-feed.mjs` reads every file in `posts/` and never checks `draft: true`.'}}, '2026-06-08T19:30:20.320Z')
log.ev('assistant.message', {'messageId': 'b2', 'content': '', 'reasoningOpaque': 'gAAAAABo-opaque-2', 'model': 'gpt-5.1', 'toolRequests': [
    {'toolCallId': 'call_edit1', 'name': 'edit', 'arguments': {'path': f'{cwd}/scripts/build-feed.mjs', 'old_str': 'const posts = all;', 'new_str': 'const posts = all.filter((p) => !p.draft);'}, 'type': 'function'}]}, '2026-06-08T19:30:24.000Z')
log.ev('tool.execution_complete', {'toolCallId': 'call_edit1', 'success': True, 'result': {'content': 'File updated.', 'detailedContent': '--- a/scripts/build-feed.mjs\n+++ b/scripts/build-feed.mjs\n@@ -3 +3 @@\n-const posts = all;\n+const posts = all.filter((p) => !p.draft);'}}, '2026-06-08T19:30:24.080Z')
log.ev('assistant.message', {'messageId': 'b3', 'content': 'Drafts are now left out of `feed.xml`.', 'model': 'gpt-5.1', 'toolRequests': []}, '2026-06-08T19:30:26.900Z')
log.ev('assistant.turn_end', {'turnId': '0'}, '2026-06-08T19:30:26.910Z')
log.ev('session.compaction_start', {}, '2026-06-08T19:41:00.000Z')
log.ev('session.compaction_complete', {'success': True, 'preCompactionTokens': 91000, 'postCompactionTokens': 4200, 'summaryContent': 'The user asked to keep drafts out of the RSS feed; build-feed.mjs now filters drafts.'}, '2026-06-08T19:41:05.000Z')
log.ev('tool.execution_start', {'toolCallId': 'call_user_sh', 'toolName': 'bash', 'arguments': {'command': 'npm run build:feed'}}, '2026-06-08T19:41:30.000Z')
log.ev('tool.execution_complete', {'toolCallId': 'call_user_sh', 'success': True, 'isUserRequested': True, 'result': {'content': 'Wrote feed.xml (12 posts)'}}, '2026-06-08T19:41:31.200Z')
log.ev('session.shutdown', {'shutdownType': 'routine', 'totalPremiumRequests': 2, 'codeChanges': {'linesAdded': 1, 'linesRemoved': 1, 'filesModified': ['scripts/build-feed.mjs']},
    'modelMetrics': {'gpt-5.1': {}, 'claude-haiku-4.5': {}}, 'currentModel': 'gpt-5.1'}, '2026-06-08T19:42:00.000Z')
log.write(f'{ROOT}/session-state/{sid}/events.jsonl')
with open(f'{ROOT}/session-state/{sid}/workspace.yaml', 'w') as f:
    f.write(f'''id: {sid}
cwd: {cwd}
git_root: {cwd}
repository: alice/blog
host_type: github
branch: main
name: Keep drafts out of the RSS feed
user_named: true
client_name: cli
remote_steerable: false
summary_count: 0
created_at: 2026-06-08T19:30:00.000Z
updated_at: 2026-06-08T19:42:00.000Z
''')
os.makedirs(f'{ROOT}/session-state/{sid}/checkpoints', exist_ok=True)
with open(f'{ROOT}/session-state/{sid}/checkpoints/001-feed.md', 'w') as f:
    f.write('# Checkpoint 1\n\nFiltered drafts out of the feed.\n')

# --- a session opened and left: only workspace.yaml ---------------------------------------------------
sid = 'e5f6a7b8-9c0d-4e1f-a2b3-c4d5e6f7a8b9'
os.makedirs(f'{ROOT}/session-state/{sid}', exist_ok=True)
with open(f'{ROOT}/session-state/{sid}/workspace.yaml', 'w') as f:
    f.write(f'id: {sid}\ncwd: /home/alice/code/blog\nbranch: main\nsummary_count: 0\ncreated_at: 2026-06-09T07:00:00.000Z\nupdated_at: 2026-06-09T07:00:00.000Z\n')
