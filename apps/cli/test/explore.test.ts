import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupArgs, cliEnv, makeWorkspace, runCli, type Workspace } from './support/cli.js';
import { cliPath } from './support/paths.js';

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('convx explore', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await makeWorkspace();
    await runCli(backupArgs(ws));
  });
  afterAll(() => ws.cleanup());

  it('indexes the output, serves it on loopback, prints the URL and stops cleanly on Ctrl-C', async () => {
    const child = spawn(
      process.execPath,
      [cliPath, 'explore', '--output-path', ws.out, '--no-open', '--port', '0'],
      {
        env: cliEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const found = /convx explore: (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(stdout)?.[1];
        if (found) resolve(found);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const sessions = JSON.parse((await get(`${url}api/sessions?limit=1`)).body) as { total: number };
    expect(sessions.total).toBeGreaterThan(20);
    expect((await get(url)).body).toContain('<div id="app">');
    expect(stderr).toContain('Press Ctrl-C to stop.');
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });

  it('explains bad flags in one sentence, with exit code 2', async () => {
    const bad = [
      [['--port', 'eighty'], '--port must be a port number from 0 to 65535, not "eighty".'],
      [['--port', '70000'], '--port must be a port number from 0 to 65535, not "70000".'],
      [['--host', '0.0.0.0', '--token', 'short'], '--token must be at least 16 letters'],
    ] as const;
    for (const [flags, message] of bad) {
      const result = await runCli(['explore', '--output-path', ws.out, '--no-open', ...flags]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(message);
    }
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const busy = await runCli(['explore', '--output-path', ws.out, '--no-open', '--port', String(port)]);
    taken.close();
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain(`Port ${port} is in use; pick another with --port, or leave --port out.`);
    const missing = await runCli(['explore', '--output-path', `${ws.out}/nope`, '--no-open']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
  });
});
