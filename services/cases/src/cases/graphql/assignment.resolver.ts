import {
  Args,
  Context,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { CurrentIdentity, Public, Roles } from '@civitas/auth';
import { assertPageSize, Role, SlaState, type Identity } from '@civitas/contracts';
import { RequestBatcher } from '@civitas/service-kit';
import { StaffRepository } from '../../staff/index.js';
import { CaseErrorCode, CaseException } from '../case.exception.js';
import { CaseReadScope, servesResidents } from '../case-read-scope.js';
import { AssignCaseUseCase } from '../use-cases/assign-case/assign-case.use-case.js';
import { decodeWorklistCursor, worklistCursorOf } from '../worklist-cursor.util.js';
import { WorklistAssignee, WorklistRepository, WorklistSort } from '../worklist.repository.js';
import { AssignCaseInput, WorklistFilterInput } from './assignment.input.js';
import { CaseAssigneeObject, WorklistPageObject } from './assignment.object.js';
import { CaseObject } from './case.object.js';

const MAX_PAGE = 100;
/** Who takes cases: caseworkers and supervisors of the case's department, and admins. */
const CASE_TAKERS = [Role.Caseworker, Role.Supervisor, Role.Admin];
/** Who hands cases to others: supervisors of the case's department, and admins. */
const CASE_GIVERS = [Role.Supervisor, Role.Admin];

/** Who works which case: worklists, assigning, claiming (docs/adr/0059). */
@Resolver(() => CaseObject)
export class AssignmentResolver {
  /** Staff names of the cases in one answer (a list asks for each): one query per request. */
  private readonly staffNames: RequestBatcher<string>;

  constructor(
    private readonly assignCases: AssignCaseUseCase,
    private readonly worklists: WorklistRepository,
    private readonly staff: StaffRepository,
  ) {
    this.staffNames = new RequestBatcher(
      async (subjects) =>
        new Map((await this.staff.bySubjects(subjects)).map((m) => [m.subject, m.name])),
    );
  }

  @Roles(...CASE_TAKERS)
  @Query(() => WorklistPageObject, {
    description:
      "Open cases of a department, paged by cursor: caseworkers and supervisors their departments', admins any.",
  })
  async worklist(
    @CurrentIdentity() actor: Identity,
    @Args('filter', { type: () => WorklistFilterInput, nullable: true })
    filter: WorklistFilterInput | null,
    @Args('sort', { type: () => WorklistSort, defaultValue: WorklistSort.DUE_AT })
    sort: WorklistSort,
    @Args('first', { type: () => Int, defaultValue: 25 }) first: number,
    @Args('after', {
      type: () => String,
      nullable: true,
      description: 'The endCursor of the page before.',
    })
    after: string | null,
  ): Promise<WorklistPageObject> {
    assertPageSize(first, MAX_PAGE);
    const from = after ? decodeWorklistCursor(after, sort) : null;
    if (after && !from) {
      throw CaseException.aboutField(
        CaseErrorCode.InvalidInput,
        'after',
        `is not a cursor given by a worklist in ${sort} order`,
      );
    }
    const slaState = filter?.slaState;
    if (slaState === SlaState.MET || slaState === SlaState.MISSED) {
      throw CaseException.aboutField(
        CaseErrorCode.InvalidInput,
        'filter.slaState',
        'must be ON_TRACK, AT_RISK or OVERDUE: a worklist is open work',
      );
    }
    const rows = await this.worklists.page({
      departmentCodes: departmentsOf(actor, filter?.departmentCode?.trim()),
      queueCode: filter?.queueCode?.trim() || undefined,
      assignee: { kind: filter?.assignee ?? WorklistAssignee.ANY, me: actor.sub ?? '' },
      statuses: filter?.status ? [filter.status] : [],
      slaState,
      serviceCode: filter?.serviceCode?.trim() || undefined,
      districtCode: filter?.district?.trim() || undefined,
      sort,
      after: from,
      limit: first + 1,
      now: new Date(),
      scope: CaseReadScope.of(actor),
    });
    const page = rows.slice(0, first);
    const names = new Map(
      (
        await this.staff.bySubjects([
          ...new Set(page.flatMap((c) => (c.assigneeSubject ? [c.assigneeSubject] : []))),
        ])
      ).map((s) => [s.subject, s.name]),
    );
    const last = page.at(-1);
    return Object.assign(new WorklistPageObject(), {
      nodes: page.map((c) =>
        Object.assign(CaseObject.from(c), {
          preloadedAssigneeName: c.assigneeSubject ? names.get(c.assigneeSubject) : undefined,
        }),
      ),
      endCursor: last ? worklistCursorOf(sort, last) : null,
      hasNextPage: rows.length > first,
    });
  }

  @Roles(...CASE_GIVERS)
  @Mutation(() => CaseObject, {
    description:
      'Gives an open case to a member of its department (supervisors of the department, admins); on the timeline.',
  })
  async assignCase(
    @Args('input') input: AssignCaseInput,
    @CurrentIdentity() actor: Identity,
  ): Promise<CaseObject> {
    return CaseObject.from(
      await this.assignCases.assign({
        ticketNumber: input.ticketNumber.trim().toUpperCase(),
        assigneeSubject: input.assigneeSubject.trim(),
        actor,
      }),
    );
  }

  @Roles(...CASE_TAKERS)
  @Mutation(() => CaseObject, {
    description:
      'Takes an open case of one of your departments for yourself (you must be in the staff directory); on the timeline.',
  })
  async claimCase(
    @Args('ticketNumber') ticketNumber: string,
    @CurrentIdentity() actor: Identity,
  ): Promise<CaseObject> {
    return CaseObject.from(
      await this.assignCases.claim({ ticketNumber: ticketNumber.trim().toUpperCase(), actor }),
    );
  }

  @Roles(...CASE_TAKERS)
  @Mutation(() => CaseObject, {
    description:
      'Leaves a case unassigned: caseworkers their own cases, supervisors any of their departments, admins any.',
  })
  async unassignCase(
    @Args('ticketNumber') ticketNumber: string,
    @CurrentIdentity() actor: Identity,
  ): Promise<CaseObject> {
    return CaseObject.from(
      await this.assignCases.unassign({ ticketNumber: ticketNumber.trim().toUpperCase(), actor }),
    );
  }

  /** Staff names are for staff: residents and the public see null. */
  @Public()
  @ResolveField(() => CaseAssigneeObject, {
    nullable: true,
    description: 'The member of staff who works it; null while unassigned, and for non-staff.',
  })
  async assignee(
    @Parent() found: CaseObject,
    @CurrentIdentity() identity: Identity,
    @Context('req') request: object,
  ): Promise<CaseAssigneeObject | null> {
    if (!found.assigneeSubject || !servesResidents(identity)) {
      return null;
    }
    const name =
      found.preloadedAssigneeName ?? (await this.staffNames.load(request, found.assigneeSubject));
    return { subject: found.assigneeSubject, name: name ?? found.assigneeSubject };
  }
}

/**
 * The departments a worklist reads: the one asked for, if the caller works for it (admins: any);
 * else the caller's own (admins: every department).
 */
function departmentsOf(actor: Identity, asked: string | undefined): readonly string[] | null {
  const admin = actor.roles.includes(Role.Admin);
  if (asked) {
    if (!admin && !actor.departments.includes(asked)) {
      const yours = actor.departments.length > 0 ? actor.departments.join(', ') : 'none';
      throw new CaseException(
        CaseErrorCode.OutsideDepartments,
        `filter.departmentCode names ${asked}, a department you do not work for (yours: ${yours})`,
        [{ field: 'filter.departmentCode', reason: 'names a department you do not work for' }],
      );
    }
    return [asked];
  }
  if (admin) {
    return null;
  }
  if (actor.departments.length === 0) {
    throw new CaseException(
      CaseErrorCode.OutsideDepartments,
      'You work for no department: your token names none',
      [{ field: 'filter.departmentCode', reason: 'your token names no department' }],
    );
  }
  return actor.departments;
}
