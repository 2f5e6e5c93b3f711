/**
 * Redacts every string in a JSON-like value (object keys too), keeping the structure: arrays stay arrays,
 * numbers and booleans are untouched. Parts without a change are returned as they are, not copied.
 */
export function redactJsonValue(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = redactJsonValue(item, redact);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const nextKey = redact(key);
      const next = redactJsonValue(item, redact);
      if (next !== item || nextKey !== key) changed = true;
      out[nextKey] = next;
    }
    return changed ? out : value;
  }
  return value;
}
