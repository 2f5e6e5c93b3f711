// Qwen Code chats for the benchmark: `~/.qwen/projects/<cwd>/chats/<id>.jsonl`, the Gemini CLI family's
// records (user, assistant with function calls, tool_result, ui_telemetry system records). Most chats 10–300
// KB, one in fifty 1–4 MB. Deterministic, own seed, so the rest of the corpus stays as it was.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { rng, textOf, uuidOf } from './random.mjs';

/** Writes `chats` chat files over 20 projects under `projectsDir`. */
export async function writeQwenChats(projectsDir, t0, chats) {
  const rand = rng(2417);
  for (let i = 0; i < chats; i++) {
    const cwd = `/home/bench/code/svc-${i % 20}`;
    const dir = join(projectsDir, cwd.replaceAll('/', '-'), 'chats');
    await mkdir(dir, { recursive: true });
    const sessionId = uuidOf(rand);
    const targetBytes = i % 50 === 17 ? 1_048_576 * (1 + rand() * 3) : 10_240 * 30 ** rand();
    const out = createWriteStream(join(dir, `${sessionId}.jsonl`));
    let bytes = 0;
    let parent = null;
    let ms = t0 + i * 5_300_000;
    let n = 0;
    const put = async (record) => {
      const uuid = `${sessionId.slice(0, 8)}-${String(++n).padStart(4, '0')}-4000-8000-${String(n).padStart(12, '0')}`;
      const line = `${JSON.stringify({ uuid, parentUuid: parent, sessionId, timestamp: new Date(ms).toISOString(), cwd, version: '0.5.1', gitBranch: 'main', ...record })}\n`;
      parent = uuid;
      ms += 1_000 + Math.floor(rand() * 20_000);
      bytes += line.length;
      if (!out.write(line)) await once(out, 'drain');
    };
    for (let k = 0; bytes < targetBytes; k++) {
      await put({
        type: 'user',
        message: { role: 'user', parts: [{ text: `Please ${textOf(rand, 12)}.` }] },
      });
      const callId = `call_${i}_${k}`;
      await put({
        type: 'assistant',
        model: 'coder-model',
        message: {
          role: 'model',
          parts: [
            { text: textOf(rand, 20 + Math.floor(rand() * 60)) },
            {
              functionCall: { id: callId, name: 'read_file', args: { absolute_path: `${cwd}/src/m${k}.ts` } },
            },
          ],
        },
        usageMetadata: {
          promptTokenCount: 9000 + k * 300,
          candidatesTokenCount: 80,
          totalTokenCount: 9080 + k * 300,
        },
      });
      await put({
        type: 'tool_result',
        message: {
          role: 'user',
          parts: [
            {
              functionResponse: {
                id: callId,
                name: 'read_file',
                response: { output: textOf(rand, 100 + Math.floor(rand() * 900)) },
              },
            },
          ],
        },
        toolCallResult: { callId, status: 'success', resultDisplay: '' },
      });
      await put({
        type: 'system',
        subtype: 'ui_telemetry',
        systemPayload: {
          uiEvent: { 'event.name': 'qwen-code.api_response', model: 'coder-model', duration_ms: 4000 },
        },
      });
      await put({
        type: 'assistant',
        model: 'coder-model',
        message: {
          role: 'model',
          parts: [
            {
              text: `${textOf(rand, 40 + Math.floor(rand() * 160))}\n\n\`\`\`ts\n${textOf(rand, 30)}\n\`\`\``,
            },
          ],
        },
      });
    }
    out.end();
    await once(out, 'finish');
  }
}
