// Seeded randomness and filler text for the benchmark corpus: the same corpus on every machine.
/** Small seeded PRNG (mulberry32): the same corpus on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the a to of and in is for that it with on as this be are by from at or an not function return const test ' +
  'file error build fix update config server client request response handler module import export type value ' +
  'string number array object promise async await cache index path query user session token database schema ' +
  'migration deploy release branch commit merge review refactor parser render output input stream buffer line'
).split(' ');

export function textOf(rand, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]);
  return out.join(' ');
}

export function uuidOf(rand) {
  const hex = () => Math.floor(rand() * 16).toString(16);
  const part = (n) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

export const iso = (ms) => new Date(ms).toISOString();

/** A UUIDv7 (time-ordered, `019…` for 2025–2026), as Codex ≥ 0.98 names its rollouts. */
export function uuidV7Of(rand, ms) {
  const hex = () => Math.floor(rand() * 16).toString(16);
  const part = (n) => Array.from({ length: n }, hex).join('');
  const time = ms.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${part(3)}-a${part(3)}-${part(12)}`;
}
