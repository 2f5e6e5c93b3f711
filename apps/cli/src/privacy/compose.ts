import type { SyncOptions } from '@convx/core';

type Withdraw = NonNullable<SyncOptions['withdraw']>;
type Transform = NonNullable<SyncOptions['transform']>;

/** One withdraw rule from several: the first reason wins; the id changes when any rule does. */
export function composeWithdraw(rules: readonly (Withdraw | undefined)[]): Withdraw | undefined {
  const present = rules.filter((rule): rule is Withdraw => rule !== undefined);
  if (present.length < 2) return present[0];
  return {
    id: present.map((rule) => rule.id).join('+'),
    test(session) {
      for (const rule of present) {
        const reason = rule.test(session);
        if (reason) return reason;
      }
      return undefined;
    },
  };
}

/** Transforms applied in order (redaction last, so nothing added later escapes it); ids joined. */
export function composeTransform(transforms: readonly (Transform | undefined)[]): Transform | undefined {
  const present = transforms.filter((t): t is Transform => t !== undefined);
  if (present.length < 2) return present[0];
  const composed: Transform = {
    id: present.map((t) => t.id).join('+'),
    apply: (session) => present.reduce((current, t) => t.apply(current), session),
  };
  // Per message only when every part can: otherwise the engine falls back to `apply` on one-message sessions.
  if (present.every((t) => t.applyMessage)) {
    composed.applyMessage = (message) =>
      present.reduce((current, t) => t.applyMessage?.(current) ?? current, message);
  }
  if (present.some((t) => t.applyId)) {
    composed.applyId = (id) => present.reduce((current, t) => t.applyId?.(current) ?? current, id);
  }
  if (present.some((t) => t.applyText)) {
    composed.applyText = (text) => present.reduce((current, t) => t.applyText?.(current) ?? current, text);
  }
  return composed;
}
