import { describe, expect, it } from 'vitest';
import { normalize, Spoken } from '../src/parse-turns.js';

/** The plain model: counts by normalized text, per turn and kind (what Spoken did before it went lazy). */
class NormalizedCounts {
  private current = new Map<string, number>();
  private previous = new Map<string, number>();
  remember(kind: string, text: string): void {
    const key = `${kind}\0${normalize(text)}`;
    this.current.set(key, (this.current.get(key) ?? 0) + 1);
  }
  forget(kind: string, text: string): boolean {
    const key = `${kind}\0${normalize(text)}`;
    for (const turn of [this.current, this.previous]) {
      const count = turn.get(key) ?? 0;
      if (count > 0) {
        turn.set(key, count - 1);
        return true;
      }
    }
    return false;
  }
  nextTurn(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

describe('Spoken (which echoes have a transcript twin)', () => {
  it('matches an echo whose whitespace differs from its twin, and only once per copy', () => {
    const spoken = new Spoken();
    spoken.remember('thinking', '**Plan**\n\nRead the  file.');
    spoken.remember('text', 'Done.');
    expect(spoken.forget('thinking', '**Plan** Read the file. ')).toBe(true);
    expect(spoken.forget('thinking', '**Plan** Read the file.')).toBe(false);
    expect(spoken.forget('thinking', 'Done.')).toBe(false); // another kind
    spoken.nextTurn();
    expect(spoken.forget('text', 'Done.')).toBe(true); // the turn before still counts
    spoken.nextTurn();
    spoken.remember('text', 'Done.');
    spoken.nextTurn();
    spoken.nextTurn();
    expect(spoken.forget('text', 'Done.')).toBe(false); // two turns back is gone
  });

  it('answers exactly as counting normalized texts would, over random turns', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    // Variants of a few texts that differ only in whitespace, so exact and normalized matches both occur.
    const texts = ['a b', 'a  b', ' a b', 'a\nb', 'a\tb ', 'c', 'c ', '\nc', 'a b c', 'a b  c'];
    const kinds = ['text', 'thinking'];
    for (let round = 0; round < 200; round++) {
      const spoken = new Spoken();
      const model = new NormalizedCounts();
      for (let step = 0; step < 60; step++) {
        const roll = random();
        const kind = pick(kinds);
        const text = pick(texts);
        if (roll < 0.45) {
          spoken.remember(kind, text);
          model.remember(kind, text);
        } else if (roll < 0.9) {
          expect(spoken.forget(kind, text), `round ${round} step ${step}`).toBe(model.forget(kind, text));
        } else {
          spoken.nextTurn();
          model.nextTurn();
        }
      }
    }
  });
});
