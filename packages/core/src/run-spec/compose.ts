import type { SessionTransform, SyncOptions } from '../engine/types.js';
import type { Session } from '../model/types.js';

type Withdraw = NonNullable<SyncOptions['withdraw']>;

/** One withdraw rule from several: the first reason wins; the id changes when any rule does. */
export function composeWithdraw(rules: readonly Withdraw[]): Withdraw | undefined {
  if (rules.length < 2) return rules[0];
  return {
    id: rules.map((rule) => rule.id).join('+'),
    test(session) {
      for (const rule of rules) {
        const reason = rule.test(session);
        if (reason) return reason;
      }
      return undefined;
    },
  };
}

/** Withdraw rules that apply only to the sessions a filter keeps (the others are not exported at all). */
export function withinFilter(withdraw: Withdraw, filter: (session: Session) => boolean): Withdraw {
  return { id: withdraw.id, test: (session) => (filter(session) ? withdraw.test(session) : undefined) };
}

/** Transforms applied in order (redaction last, so nothing added before it escapes it); ids joined. */
export function composeTransform(transforms: readonly SessionTransform[]): SessionTransform | undefined {
  if (transforms.length < 2) return transforms[0];
  const composed: SessionTransform = {
    id: transforms.map((t) => t.id).join('+'),
    apply: (session) => transforms.reduce((current, t) => t.apply(current), session),
  };
  // Per message only when every part can: otherwise the engine falls back to `apply` on one-message sessions.
  if (transforms.every((t) => t.applyMessage)) {
    composed.applyMessage = (message) =>
      transforms.reduce((current, t) => t.applyMessage?.(current) ?? current, message);
  }
  if (transforms.some((t) => t.applyId)) {
    composed.applyId = (id) => transforms.reduce((current, t) => t.applyId?.(current) ?? current, id);
  }
  if (transforms.some((t) => t.applyText)) {
    composed.applyText = (text) => transforms.reduce((current, t) => t.applyText?.(current) ?? current, text);
  }
  return composed;
}
