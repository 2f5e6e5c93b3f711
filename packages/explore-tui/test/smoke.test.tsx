import { beforeAll, expect, test } from 'vitest';
import { fakeIndex, fixtureSessions } from './support/fake-index.js';
import { backupFixtures } from './support/fixture-output.js';
import { KEY, renderTui } from './support/harness.js';

let out: string;
let index: ReturnType<typeof fakeIndex>;
beforeAll(async () => {
  out = await backupFixtures();
  const { sessions, prompts } = await fixtureSessions(out);
  index = fakeIndex(out, sessions, prompts);
});

test('smoke', async () => {
  const screen = renderTui(index);
  await new Promise((r) => setTimeout(r, 300));
  console.log(screen.text());
  await screen.press(KEY.down, KEY.down);
  await new Promise((r) => setTimeout(r, 300));
  console.log(screen.text());
  await screen.press(KEY.enter);
  await new Promise((r) => setTimeout(r, 500));
  console.log(screen.text());
  await screen.press('G', KEY.enter);
  await new Promise((r) => setTimeout(r, 300));
  console.log(screen.text());
  await screen.press(KEY.escape, KEY.escape, KEY.up, KEY.up, KEY.enter);
  await new Promise((r) => setTimeout(r, 300));
  console.log(screen.text());
  await screen.press('j', 'j', 'j', 'j', 'j', 'j', KEY.enter);
  console.log(screen.text());
  await screen.press('e');
  console.log(screen.text());
  await screen.press('?');
  console.log(screen.text());
  screen.unmount();
  expect(1).toBe(1);
});
