export interface HtmlOptions {
  /** Show injected context (instructions, environment) in collapsed sections. Default false. */
  showContext: boolean;
  /** Show the model's reasoning in collapsed sections. Default true. */
  showThinking: boolean;
}

/** Validates render options; an unknown key or a wrong type is an error that names it. */
export function parseOptions(options: Readonly<Record<string, unknown>>): HtmlOptions {
  const out: HtmlOptions = { showContext: false, showThinking: true };
  for (const [key, value] of Object.entries(options)) {
    if (key !== 'showContext' && key !== 'showThinking') {
      throw new Error(`convx-render-html: unknown option "${key}" (known: showContext, showThinking)`);
    }
    if (typeof value !== 'boolean') {
      throw new Error(`convx-render-html: option ${key} must be a boolean (got ${JSON.stringify(value)})`);
    }
    out[key] = value;
  }
  return out;
}
