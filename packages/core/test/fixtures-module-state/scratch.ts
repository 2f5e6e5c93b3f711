// What the module-state check must catch (test/module-state.test.ts): a scratch buffer with an "open"
// flag and an identity-keyed memo. Constant tables (a Set of fixed names) are fine.
export const scratch = Buffer.allocUnsafeSlow(1024);
let writerOpen = false;
const seen = new WeakMap<object, string>();
const NAMES = new Set(['a', 'b']);
const EMPTY = Buffer.alloc(0);

export function open(key: object): boolean {
  const was = writerOpen;
  writerOpen = true;
  seen.set(key, 'x');
  return was && NAMES.has('a') && EMPTY.length === 0;
}
