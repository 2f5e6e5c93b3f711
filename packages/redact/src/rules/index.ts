import type { RedactionRule } from '../types.js';
import { aiProviderRules } from './ai-providers.js';
import { cloudRules } from './cloud.js';
import { codeHostRules } from './code-hosts.js';
import { credentialRules } from './credentials.js';
import { keyAndTokenRules } from './keys-tokens.js';
import { paymentMessagingRules } from './payments-messaging.js';
import { registryRules } from './registries.js';
import { serviceRules } from './services.js';

/**
 * Every built-in rule, most specific first: when two rules find the same span, the earlier one names it, so
 * the generic `key = value` rule comes last.
 */
export const builtinRules: readonly RedactionRule[] = Object.freeze([
  ...keyAndTokenRules,
  ...cloudRules,
  ...codeHostRules,
  ...aiProviderRules,
  ...registryRules,
  ...paymentMessagingRules,
  ...serviceRules,
  ...credentialRules,
]);

/** Bump when a rule changes in a way its source text does not show, so rendered output is refreshed. */
export const RULESET_VERSION = 3;
