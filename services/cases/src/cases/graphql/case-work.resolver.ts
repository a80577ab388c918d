import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import { AddCaseNoteUseCase } from '../use-cases/add-note/add-case-note.use-case.js';
import { ChangeCaseStatusUseCase } from '../use-cases/change-status/change-case-status.use-case.js';
import { SplitCaseUseCase } from '../use-cases/split-case/split-case.use-case.js';
import { MarkCaseDuplicateUseCase } from '../use-cases/mark-duplicate/mark-case-duplicate.use-case.js';
import { RejectPossibleDuplicateUseCase } from '../use-cases/reject-possible-duplicate/reject-possible-duplicate.use-case.js';
import { CaseObject } from './case.object.js';
import {
  AddCaseNoteInput,
  ChangeCaseStatusInput,
  MarkCaseDuplicateInput,
  SplitCaseInput,
} from './case-work.input.js';

/** Who decides where a case stands: its department's staff (scoped in the use case) and admins. */
const STATUS_CHANGERS = [Role.Caseworker, Role.Supervisor, Role.Admin];
/** Contact-centre agents may write on any case, but not move it (ADR 0019). */
const NOTE_WRITERS = [Role.Agent, Role.Caseworker, Role.Supervisor, Role.Admin];
/** Who splits a case (docs/adr/0062): agents any case, the others theirs (in the use case). */
const SPLITTERS = [Role.Agent, Role.Caseworker, Role.Supervisor];

/** Staff working a case to closure (docs/case-work.md). */
@Resolver(() => CaseObject)
export class CaseWorkResolver {
  constructor(
    private readonly changeStatus: ChangeCaseStatusUseCase,
    private readonly addNote: AddCaseNoteUseCase,
    private readonly markDuplicate: MarkCaseDuplicateUseCase,
    private readonly split: SplitCaseUseCase,
    private readonly rejectDuplicate: RejectPossibleDuplicateUseCase,
  ) {}

  @Roles(...SPLITTERS)
  @Mutation(() => CaseObject, {
    description:
      'Splits a case into parts, each a case of its own with its own ticket number, routed on its own; answers the parent, which closes by itself when its last part closes. The same split again makes no second parts.',
  })
  async splitCase(
    @Args('input') input: SplitCaseInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseObject> {
    const parent = await this.split.execute({
      ticketNumber: input.ticketNumber.trim().toUpperCase(),
      parts: input.parts.map((p) => ({ serviceCode: p.serviceCode, description: p.description })),
      actor: identity,
    });
    return CaseObject.from(parent);
  }

  @Roles(...STATUS_CHANGERS)
  @Mutation(() => CaseObject, {
    description:
      'Moves a case between OPEN, IN_PROGRESS, ON_HOLD and CLOSED, writes it on the timeline and tells the reporter. Caseworkers and supervisors: cases of their departments only.',
  })
  async changeCaseStatus(
    @Args('input') input: ChangeCaseStatusInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseObject> {
    const changed = await this.changeStatus.execute({
      ...input,
      ticketNumber: input.ticketNumber.trim().toUpperCase(),
      actor: identity,
    });
    return CaseObject.from(changed);
  }

  @Roles(...STATUS_CHANGERS)
  @Mutation(() => CaseObject, {
    description:
      'Closes a case as a duplicate of another (its parent), on the timeline, the bus and Open311, and tells the reporter. Same scope as changeCaseStatus.',
  })
  async markCaseDuplicate(
    @Args('input') input: MarkCaseDuplicateInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseObject> {
    const marked = await this.markDuplicate.execute({
      ticketNumber: input.ticketNumber.trim().toUpperCase(),
      duplicateOf: input.duplicateOf.trim().toUpperCase(),
      actor: identity,
    });
    return CaseObject.from(marked);
  }

  @Roles(...STATUS_CHANGERS)
  @Mutation(() => CaseObject, {
    description:
      'Removes the possible-duplicate link a case was given when it was opened near another: it is a problem of its own. Written on the internal timeline. Same scope as markCaseDuplicate, which confirms the link instead.',
  })
  async rejectPossibleDuplicate(
    @Args('ticketNumber') ticketNumber: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseObject> {
    const rejected = await this.rejectDuplicate.execute({
      ticketNumber: ticketNumber.trim().toUpperCase(),
      actor: identity,
    });
    return CaseObject.from(rejected);
  }

  @Roles(...NOTE_WRITERS)
  @Mutation(() => CaseObject, {
    description:
      "Adds a public or internal note to a case's timeline; the reporter is told of a public one.",
  })
  async addCaseNote(
    @Args('input') input: AddCaseNoteInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseObject> {
    const noted = await this.addNote.execute({
      ...input,
      ticketNumber: input.ticketNumber.trim().toUpperCase(),
      actor: identity,
    });
    return CaseObject.from(noted);
  }
}
