import { ConvxError } from '../errors.js';
import type { Adapter } from './adapter.js';
import type { Renderer } from './renderer.js';

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

function problems(value: unknown, required: Record<string, 'string' | 'function'>): string[] {
  if (typeof value !== 'object' || value === null) return ['it is not an object'];
  const record = value as Record<string, unknown>;
  const out: string[] = [];
  for (const [key, type] of Object.entries(required)) {
    if (typeof record[key] !== type) out.push(`\`${key}\` must be a ${type} (got ${typeof record[key]})`);
  }
  if (typeof record.name === 'string' && !NAME.test(record.name)) {
    out.push(
      `\`name\` "${record.name}" must be lower-case letters, digits and dashes, starting with a letter`,
    );
  }
  return out;
}

/**
 * Checks that a value implements the {@link Adapter} contract and returns it typed. Use it as the default
 * export of an adapter package; the CLI runs the same check on adapters loaded from config.
 * @param origin the package or file the adapter comes from, named in the error.
 */
export function defineAdapter<Data = unknown, const A extends Adapter<Data> = Adapter<Data>>(
  adapter: A,
  origin?: string,
): A {
  assertAdapter(adapter, origin);
  return adapter;
}

export function assertAdapter(value: unknown, origin?: string): asserts value is Adapter {
  const found = problems(value, {
    name: 'string',
    defaultLocations: 'function',
    discover: 'function',
    load: 'function',
  });
  if (found.length) {
    const who = origin ?? (value as { name?: unknown })?.name ?? 'an adapter';
    throw new ConvxError(
      'INVALID_ADAPTER',
      `${String(who)} is not a valid convx adapter: ${found.join('; ')}. See docs/writing-an-adapter.md.`,
      typeof who === 'string' ? who : undefined,
    );
  }
}

/** Checks that a value implements the {@link Renderer} contract and returns it typed. */
export function defineRenderer<const R extends Renderer>(renderer: R, origin?: string): R {
  assertRenderer(renderer, origin);
  return renderer;
}

export function assertRenderer(value: unknown, origin?: string): asserts value is Renderer {
  const found = problems(value, { name: 'string', version: 'string', render: 'function' });
  if (found.length) {
    const who = origin ?? (value as { name?: unknown })?.name ?? 'a renderer';
    throw new ConvxError(
      'INVALID_RENDERER',
      `${String(who)} is not a valid convx renderer: ${found.join('; ')}. See docs/writing-a-renderer.md.`,
      typeof who === 'string' ? who : undefined,
    );
  }
}
