import type { DiagnosticsCollector } from '../contract/context.js';
import type { Diagnostic } from '../model/types.js';

/** Folds repeated problems of one code in one file into a single counted diagnostic (first line kept). */
export function createDiagnostics(): DiagnosticsCollector {
  const byKey = new Map<string, Diagnostic>();
  return {
    add(code, message, where = {}) {
      const key = `${code}\u0000${where.path ?? ''}`;
      const existing = byKey.get(key);
      if (existing) {
        existing.count++;
        return;
      }
      const diagnostic: Diagnostic = { code, message, count: 1 };
      if (where.path !== undefined) diagnostic.path = where.path;
      if (where.line !== undefined) diagnostic.line = where.line;
      byKey.set(key, diagnostic);
    },
    list: () => [...byKey.values()].map((d) => ({ ...d })),
    get size() {
      return byKey.size;
    },
  };
}
