import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import { StaffRepository } from '../../staff/index.js';
import { CaseErrorCode, CaseException } from '../case.exception.js';
import { SaveStaffMemberUseCase } from '../use-cases/save-staff-member/save-staff-member.use-case.js';
import { DepartmentDirectory } from '../department-directory.js';
import { WorklistRepository } from '../worklist.repository.js';
import { SaveStaffMemberInput } from './assignment.input.js';
import { StaffMemberObject, StaffWorkloadObject } from './assignment.object.js';

/** The staff directory and who carries how much (docs/adr/0059): admins, and supervisors for their departments. */
@Resolver(() => StaffMemberObject)
export class StaffResolver {
  constructor(
    private readonly directory: StaffRepository,
    private readonly saveMember: SaveStaffMemberUseCase,
    private readonly worklists: WorklistRepository,
    private readonly departments: DepartmentDirectory,
  ) {}

  @Roles(Role.Supervisor, Role.Admin)
  @Query(() => [StaffMemberObject], {
    description:
      'The staff directory by name: everyone for admins; supervisors the people of their departments.',
  })
  async staff(@CurrentIdentity() actor: Identity): Promise<StaffMemberObject[]> {
    const admin = actor.roles.includes(Role.Admin);
    return (await this.directory.list(admin ? undefined : actor.departments)).map(
      StaffMemberObject.from,
    );
  }

  @Roles(Role.Supervisor, Role.Admin)
  @Mutation(() => StaffMemberObject, {
    description:
      "Adds someone to the staff directory or changes them (admins; supervisors for people of their departments only). Deactivating someone hands their open cases on by each queue's policy, or leaves them unassigned.",
  })
  async saveStaffMember(
    @Args('input') input: SaveStaffMemberInput,
    @CurrentIdentity() actor: Identity,
  ): Promise<StaffMemberObject> {
    return StaffMemberObject.from(
      await this.saveMember.execute({ ...input, capacity: input.capacity ?? null, actor }),
    );
  }

  @Roles(Role.Supervisor, Role.Admin)
  @Query(() => [StaffWorkloadObject], {
    description:
      'Per person, their open cases of the department: how many, at risk and overdue as of now (supervisors of the department, admins). Everyone of the department is listed, with none too.',
  })
  async workload(
    @Args('departmentCode') departmentCode: string,
    @CurrentIdentity() actor: Identity,
  ): Promise<StaffWorkloadObject[]> {
    const code = departmentCode.trim();
    if (!actor.roles.includes(Role.Admin) && !actor.departments.includes(code)) {
      // An unknown department is said as such, before whether it is the caller's.
      throw (await this.departments.exists(code))
        ? CaseException.aboutField(
            CaseErrorCode.OutsideDepartments,
            'departmentCode',
            'names a department you do not supervise',
          )
        : CaseException.aboutField(
            CaseErrorCode.UnknownDepartment,
            'departmentCode',
            'names no department (query `departments`)',
          );
    }
    const rows = await this.worklists.workload(code, new Date());
    const people = new Map((await this.directory.list([code])).map((m) => [m.subject, m]));
    for (const member of await this.directory.bySubjects(rows.map((r) => r.subject))) {
      people.set(member.subject, member);
    }
    const counts = new Map(rows.map((r) => [r.subject, r]));
    return [...new Set([...people.keys(), ...counts.keys()])]
      .map((subject) => {
        const member = people.get(subject);
        const count = counts.get(subject);
        return Object.assign(new StaffWorkloadObject(), {
          subject,
          name: member?.name ?? subject,
          active: member?.active ?? false,
          capacity: member?.capacity ?? null,
          open: count?.open ?? 0,
          atRisk: count?.atRisk ?? 0,
          overdue: count?.overdue ?? 0,
        });
      })
      .sort((a, b) => a.name.localeCompare(b.name) || a.subject.localeCompare(b.subject));
  }
}
