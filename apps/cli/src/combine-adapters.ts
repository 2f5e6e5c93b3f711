import {
  type Adapter,
  type AdapterContext,
  defineAdapter,
  describeError,
  eachDiscoveredRef,
  type Message,
  type MessageSink,
  type Session,
  type SessionRef,
} from '@convx/core';

/** A ref of a combined adapter: which part found it, and that part's own data. */
export interface CombinedRefData {
  part: number;
  data: unknown;
}

/**
 * One source read by several adapters: a tool whose history lives in stores of different formats (Kilo
 * Code's extension task folders and its later OpenCode-format store are both the source `kilo`). Source
 * names must be unique, so the parts are combined here rather than registered twice. Every location goes to
 * every part (each finds only its own format: default locations of one hold nothing another reads); the
 * first part to discover a session id keeps it. A part whose discovery throws is reported as one entry that
 * failed and the other parts' sessions are kept (so are the refs it yielded before it threw). Sessions are
 * loaded by the part that found them, under the combined name.
 */
export function combineAdapters(
  identity: { name: string; displayName: string },
  parts: readonly Adapter[],
): Adapter<CombinedRefData> {
  const { name } = identity;
  const partOf = (ref: SessionRef<CombinedRefData>) => {
    const part = ref.data ? parts[ref.data.part] : undefined;
    if (!part || !ref.data) throw new Error(`${name}: ${ref.path} was not discovered by this adapter`);
    return { part, ref: { ...ref, data: ref.data.data } satisfies SessionRef };
  };
  const rename = (session: Session): Session => ({
    ...session,
    source: name,
    key: `${name}:${session.sessionId}`,
    ...(session.children ? { children: session.children.map(rename) } : {}),
  });
  const stream = async (ctx: AdapterContext, ref: SessionRef<CombinedRefData>, emit: MessageSink) => {
    const { part, ref: own } = partOf(ref);
    if (part.stream) return rename(await part.stream(ctx, own, emit));
    const session = await part.load(ctx, own);
    for (const message of session.messages) emit(message);
    return rename({ ...session, messages: [] as Message[] });
  };
  return defineAdapter<CombinedRefData>(
    {
      name,
      displayName: identity.displayName,
      defaultLocations: (env) => [...new Set(parts.flatMap((part) => part.defaultLocations(env)))],
      async discover(ctx, locations) {
        const refs: SessionRef<CombinedRefData>[] = [];
        const seen = new Set<string>();
        for (const [index, part] of parts.entries()) {
          try {
            await eachDiscoveredRef(part.discover(ctx, locations), (ref) => {
              if (seen.has(ref.sessionId)) return;
              seen.add(ref.sessionId);
              refs.push({ ...ref, data: { part: index, data: ref.data } });
            });
          } catch (error) {
            if (ctx.signal.aborted) throw error;
            const partName = part.displayName ?? part.name;
            ctx.report({
              path: locations.join(', '),
              message: `${partName}: discovery failed: ${describeError(error)}`,
            });
          }
        }
        return refs;
      },
      async load(ctx, ref) {
        const { part, ref: own } = partOf(ref);
        return rename(await part.load(ctx, own));
      },
      ...(parts.some((part) => part.stream) ? { stream } : {}),
    },
    `convx (${name}: ${parts.map((part) => part.displayName ?? part.name).join(' + ')})`,
  );
}
