import { createHash } from 'node:crypto';

/**
 * Ids for exports that have none (Ottawa): a hash of the row's normalised content, plus how many
 * identical rows came before it in the same file (`#1`, `#2`, ...). The same row in the same file
 * always gets the same id, so a re-run imports nothing twice; two identical rows in one file stay
 * two records; and a row repeated in another file (AugSR-2014 holds January's rows again) is
 * recognised as already there. The file name and row number are reported with it, not hashed:
 * hashing them would import the same request twice from two files. See docs/adr/0016.
 */
export class StableIdDeriver {
  private readonly seen = new Map<string, number>();

  constructor(private readonly prefix: string) {}

  next(normalisedFields: readonly string[]): string {
    const digest = createHash('sha256')
      .update(normalisedFields.join('\u001f'))
      .digest('base64url')
      .slice(0, 22);
    const occurrence = (this.seen.get(digest) ?? 0) + 1;
    this.seen.set(digest, occurrence);
    return `${this.prefix}${digest}#${occurrence}`;
  }
}
