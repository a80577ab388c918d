import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { CaseEntity } from '../cases/index.js';

/**
 * A resident's answer to the one-question survey of a closure notice (docs/adr/0060). Keyed by the
 * link's id: a link answers once (the key refuses a second row in the answering transaction).
 */
@Entity('case_satisfaction_answer')
@Index('case_satisfaction_answer_case_idx', ['caseId', 'answeredAt'])
@Check('case_satisfaction_answer_score_check', 'score BETWEEN 1 AND 5')
export class SatisfactionAnswerEntity {
  /** The survey link's id (the closure notice that carried it). */
  @PrimaryColumn('uuid')
  linkId: string;

  @Column('uuid')
  @ForeignKey(() => CaseEntity, 'id', { name: 'case_satisfaction_answer_case_id_fkey' })
  caseId: string;

  @Column('smallint')
  score: number;

  /** In the resident's words: for staff only, never on the bus. */
  @Column('text', { nullable: true })
  comment: string | null;

  @Column('timestamptz')
  answeredAt: Date;
}
