import { str } from '@convx/core';

/**
 * The title records of a conversation. A rename (`custom-title`) beats an AI title (`ai-title`), which beats
 * an older `summary`; within each kind the last one wins. Among summaries, one whose `leafUuid` belongs to
 * this conversation beats one describing another branch.
 */
export class Titles {
  private custom?: string;
  private ai?: string;
  private readonly summaries: Array<{ summary: string; leafUuid?: string }> = [];

  /** Takes a title record; false when the record is not one. */
  add(record: Record<string, unknown>): boolean {
    switch (record.type) {
      case 'custom-title':
        this.custom = str(record.customTitle)?.trim() || this.custom;
        return true;
      case 'ai-title':
        this.ai = str(record.aiTitle)?.trim() || this.ai;
        return true;
      case 'summary': {
        const summary = str(record.summary)?.trim();
        const leafUuid = str(record.leafUuid);
        if (summary) this.summaries.push(leafUuid ? { summary, leafUuid } : { summary });
        return true;
      }
      default:
        return false;
    }
  }

  title(isOwnUuid: (uuid: string) => boolean): string | undefined {
    if (this.custom ?? this.ai) return this.custom ?? this.ai;
    const own = this.summaries.filter((s) => s.leafUuid !== undefined && isOwnUuid(s.leafUuid));
    return (own.at(-1) ?? this.summaries.at(-1))?.summary;
  }
}
