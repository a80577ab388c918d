import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The blind-token GIN index without its pending list (fastupdate off). With the list on, every
 * new resident's tokens wait, unsorted, in a list of up to `gin_pending_list_limit` (4 MB) that
 * each candidate look-up must read through in full: 2.5–12 ms per probabilistic match at
 * 1,000,000 residents instead of 0.2 ms, plus a stall for whichever insert merges the full list.
 * Writing straight into the index costs a new resident about 0.2 ms more. (See ADR 0020.)
 */
export class BlindTokensWithoutPendingList1764900000300 implements MigrationInterface {
  name = 'BlindTokensWithoutPendingList1764900000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER INDEX citizen_blind_tokens_idx SET (fastupdate = off)');
    // Tokens already waiting in the list move into the index now, not on some later insert.
    await q.query("SELECT gin_clean_pending_list('citizen_blind_tokens_idx'::regclass)");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER INDEX citizen_blind_tokens_idx RESET (fastupdate)');
  }
}
