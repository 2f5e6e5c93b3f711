import type { Adapter } from '../contract/adapter.js';
import { assertAdapter, assertRenderer } from '../contract/define.js';
import type { LayoutFn, RunPlugins, SessionTransform, SyncOptions } from '../engine/types.js';
import { ConvxError } from '../errors.js';
import type { Session } from '../model/types.js';
import { composeTransform, composeWithdraw, withinFilter } from './compose.js';
import { describeRef, loadPlugin, refIdentity } from './load-plugin.js';
import type { PluginRef, RunSpec } from './types.js';

type Withdraw = NonNullable<SyncOptions['withdraw']>;

/** Makes one plugin value from its spec entry (imported and called, or already made by the caller). */
type Load = (ref: PluginRef) => Promise<unknown>;

/** The `id` a plugin value declares, if any. */
function declaredId(value: unknown): string | undefined {
  const id = (value as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function wrongShape(ref: PluginRef, what: string): ConvxError {
  return new ConvxError('INVALID_OPTION', `The plugin ${describeRef(ref)} is not ${what}.`, ref.module);
}

/** A function plugin (a layout, a filter) and its identity. */
async function loadFunction<F extends (...args: never[]) => unknown>(
  ref: PluginRef,
  load: Load,
  what: string,
): Promise<{ fn: F; id: string }> {
  const value = await load(ref);
  if (typeof value !== 'function') throw wrongShape(ref, what);
  return { fn: value as F, id: declaredId(value) ?? refIdentity(ref) };
}

/** A filter's `includes(cwd)`, the folders it can keep (`SyncOptions.scope`), when it declares one. */
function scopeOf(filter: object): ((cwd: string) => boolean) | undefined {
  const includes = (filter as { includes?: unknown }).includes;
  return typeof includes === 'function' ? (cwd: string) => includes.call(filter, cwd) === true : undefined;
}

async function loadWithdraw(ref: PluginRef, load: Load): Promise<Withdraw> {
  const value = await load(ref);
  const test = (value as { test?: unknown } | null)?.test;
  if (typeof test !== 'function') throw wrongShape(ref, 'a withdraw rule (an object with a test function)');
  return { id: declaredId(value) ?? refIdentity(ref), test: test.bind(value) as Withdraw['test'] };
}

async function loadTransform(ref: PluginRef, load: Load): Promise<SessionTransform> {
  const value = await load(ref);
  const given = value as Partial<SessionTransform> | null;
  if (typeof given?.apply !== 'function') throw wrongShape(ref, 'a session transform (an object with apply)');
  // Methods bound, so a transform written as a class keeps its `this`.
  const transform: SessionTransform = {
    id: declaredId(value) ?? refIdentity(ref),
    apply: given.apply.bind(given),
  };
  if (given.applyMessage) transform.applyMessage = given.applyMessage.bind(given);
  if (given.applyId) transform.applyId = given.applyId.bind(given);
  if (given.applyText) transform.applyText = given.applyText.bind(given);
  return transform;
}

export interface ResolveRunSpecOptions {
  /**
   * Plugin values the caller already made from some of the spec's own entries (keyed by the entry object
   * itself), taken instead of importing and calling the factory again; they are checked like any other. The
   * CLI builds its redactor once, for the labels and the transform (`made` is not part of the spec: a worker
   * thread makes every plugin from the spec).
   */
  made?: ReadonlyMap<PluginRef, unknown>;
}

/**
 * Turns a run spec into the functions the engine runs with: imports every module it names (from
 * `spec.resolveFrom`), calls the factories with their options, checks each plugin's shape, and composes the
 * withdraw rules and transforms. The same spec gives the same functions and ids in any thread.
 */
export async function resolveRunSpec(
  spec: RunSpec,
  options: ResolveRunSpecOptions = {},
): Promise<RunPlugins> {
  const made = options.made;
  const from = spec.resolveFrom ?? [];
  const load: Load = async (ref) => (made?.has(ref) ? made.get(ref) : await loadPlugin(ref, from));
  const adapters = await Promise.all(
    spec.adapters.map(async (ref) => {
      const value = await load(ref);
      assertAdapter(value, describeRef(ref));
      return value as Adapter;
    }),
  );
  const renderer = await load(spec.renderer);
  assertRenderer(renderer, describeRef(spec.renderer));
  const layout = await loadFunction<LayoutFn>(spec.layout, load, 'a layout (a function of a session)');
  const filter = spec.filter
    ? await loadFunction<(session: Session) => boolean>(
        spec.filter,
        load,
        'a filter (a function of a session)',
      )
    : undefined;
  const rules = await Promise.all((spec.withdraw ?? []).map((ref) => loadWithdraw(ref, load)));
  const transforms = await Promise.all((spec.transforms ?? []).map((ref) => loadTransform(ref, load)));
  const composed = composeWithdraw(rules);
  const withdraw = composed && filter ? withinFilter(composed, filter.fn) : composed;
  const transform = composeTransform(transforms);
  const scope = filter ? scopeOf(filter.fn) : undefined;
  return {
    adapters,
    renderer,
    ...(spec.renderOptions ? { renderOptions: spec.renderOptions } : {}),
    layout: layout.fn,
    layoutId: layout.id,
    ...(filter ? { filter: filter.fn, filterId: filter.id } : {}),
    ...(spec.filter?.reason ? { filterReason: spec.filter.reason } : {}),
    ...(scope ? { scope } : {}),
    ...(withdraw ? { withdraw } : {}),
    ...(transform ? { transform } : {}),
  };
}
