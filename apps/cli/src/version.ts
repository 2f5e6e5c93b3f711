import pkg from '../package.json' with { type: 'json' };

/** The CLI's version, inlined from package.json at build time. */
export const VERSION: string = pkg.version;
