// A worker thread of the sync engine: it resolves the run's plugins from the plan's spec, then prepares
// the sessions the main thread sends it (load, transform, render into temp files), one at a time. It never
// touches the output itself: the main thread commits what it prepared, in discovery order.
import { parentPort, workerData } from 'node:worker_threads';
import type { DiscoveryCache, SourceProblem } from '../../../contract/context.js';
import { describeError } from '../../../errors.js';
import { createAdapterContext, memoryCache } from '../../../io/context.js';
import { OutgrewThreadError } from '../../../io/line-limit.js';
import { RunMemos } from '../../../io/memo.js';
import { ScratchBuffers } from '../../../io/scratch-buffers.js';
import { resolveRunSpec } from '../../../run-spec/resolve.js';
import { renderKeyOf } from '../../plan/render-key.js';
import { prepareExport } from '../prepare-export.js';
import type { WorkerInit, WorkerJob, WorkerReply } from './worker-protocol.js';

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error('worker-entry.js runs only as a worker thread of the convx sync engine');
const post = (reply: WorkerReply) => port.postMessage(reply);
const controller = new AbortController();
const log = {
  debug: (text: string) => post({ type: 'log', level: 'debug', text }),
  info: (text: string) => post({ type: 'log', level: 'info', text }),
  warn: (text: string) => post({ type: 'log', level: 'warn', text }),
};

try {
  const plugins = await resolveRunSpec(init.spec);
  const { historySubpath, labels, force, holdChars, attachmentMaxBytes, maxLineBytes } = init.env;
  const options = {
    ...plugins,
    historySubpath,
    ...(labels !== undefined ? { labels } : {}),
    ...(force !== undefined ? { force } : {}),
    ...(holdChars !== undefined ? { holdChars } : {}),
    ...(attachmentMaxBytes !== undefined ? { attachmentMaxBytes } : {}),
    ...(maxLineBytes !== undefined ? { maxLineBytes } : {}),
  };
  // The worker must render exactly what the main thread would: the same renderer, options and rules.
  const renderKey = renderKeyOf(options, init.env.historySubpath);
  if (renderKey !== init.env.renderKey)
    throw new Error("the plugins the worker resolved from the run's spec differ from the main thread's");
  // This thread's own buffers for the run; a line too long for its small heap goes back to the main thread.
  const buffers = new ScratchBuffers();
  const env = { ...init.env, options, buffers, handBack: true };
  const caches = new Map<string, DiscoveryCache>();
  // This thread's `ctx.memo`s: the run's values its adapters share across the sessions it loads.
  const memos = new RunMemos(log);
  let queue: Promise<void> = Promise.resolve();

  port.on('message', (message: WorkerJob | { type: 'abort' } | { type: 'close' }) => {
    if (message.type === 'abort') {
      controller.abort(new DOMException('the run was interrupted', 'AbortError'));
      return;
    }
    if (message.type === 'close') {
      // After the session in hand: the run has ended, so its memos (open databases) are disposed.
      queue = queue.then(() => {
        memos.dispose();
        post({ type: 'closed' });
      });
      return;
    }
    // One session at a time: the main thread keeps a few queued here so this thread never waits for it.
    queue = queue.then(async () => {
      const problems: SourceProblem[] = [];
      try {
        const adapter = options.adapters.find((a) => a.name === message.adapter);
        if (!adapter) throw new Error(`the worker has no adapter named ${message.adapter}`);
        const cache = caches.get(adapter.name) ?? memoryCache();
        caches.set(adapter.name, cache);
        const ctx = createAdapterContext({
          home: init.home,
          buffers,
          log,
          cache,
          memo: memos.forAdapter(adapter.name),
          signal: controller.signal,
          onProblem: (problem) => problems.push(problem),
        });
        const prepared = await prepareExport(env, adapter, ctx, message.ref, message.entry, message.basename);
        post({ type: 'result', id: message.id, prepared, problems });
      } catch (error) {
        const code = (error as { code?: unknown } | undefined)?.code;
        post({
          type: 'error',
          id: message.id,
          message: describeError(error),
          aborted: controller.signal.aborted,
          ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
          problems,
          ...(typeof code === 'string' ? { code } : {}),
          ...(error instanceof OutgrewThreadError ? { retryHere: true } : {}),
        });
      }
    });
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'init-failed', message: describeError(error) });
}
