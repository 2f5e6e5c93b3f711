const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and quoted attribute values. Every piece of session data goes
 * through it: message text is data, never markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Tagged template that escapes every interpolated value; wrap trusted markup with {@link raw}. */
export function html(
  strings: TemplateStringsArray,
  ...values: Array<string | number | Raw | undefined>
): Raw {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += value instanceof Raw ? value.markup : value === undefined ? '' : escapeHtml(String(value));
    out += strings[i + 1] ?? '';
  });
  return new Raw(out);
}

/** Markup built by this package (already escaped). */
export class Raw {
  constructor(readonly markup: string) {}
}

export const raw = (markup: string) => new Raw(markup);
