import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Roles } from '@civitas/auth';
import { Role } from '@civitas/contracts';
import { SaveServiceUseCase } from '../use-cases/save-service/save-service.use-case.js';
import { SetDepartmentCalendarUseCase } from '../use-cases/set-department-calendar/set-department-calendar.use-case.js';
import { SetDepartmentEscalationEmailUseCase } from '../use-cases/set-department-escalation-email/set-department-escalation-email.use-case.js';
import { SetServiceAttributesUseCase } from '../use-cases/set-service-attributes/set-service-attributes.use-case.js';
import { CreateServiceInput, ServiceAttributeInput, UpdateServiceInput } from './service.input.js';
import { DepartmentObject } from './department.object.js';
import { ServiceObject } from './service.object.js';

/** Administrators manage the catalog: service types and the questions each one asks. */
@Resolver(() => ServiceObject)
export class CatalogAdminResolver {
  constructor(
    private readonly saveService: SaveServiceUseCase,
    private readonly setAttributes: SetServiceAttributesUseCase,
    private readonly setCalendar: SetDepartmentCalendarUseCase,
    private readonly setEscalationEmail: SetDepartmentEscalationEmailUseCase,
  ) {}

  @Roles(Role.Admin)
  @Mutation(() => ServiceObject, { description: 'Adds a service type to the catalog (admins).' })
  async createService(@Args('input') input: CreateServiceInput): Promise<ServiceObject> {
    return ServiceObject.from(await this.saveService.create(input));
  }

  @Roles(Role.Admin)
  @Mutation(() => ServiceObject, {
    description: 'Changes a service type; omitted fields stay as they are (admins).',
  })
  async updateService(
    @Args('code') code: string,
    @Args('input') input: UpdateServiceInput,
  ): Promise<ServiceObject> {
    return ServiceObject.from(await this.saveService.update(code, input));
  }

  @Roles(Role.Admin)
  @Mutation(() => ServiceObject, {
    description:
      "Replaces a service's attributes (its Open311 service definition) with this list (admins).",
  })
  async setServiceAttributes(
    @Args('serviceCode') serviceCode: string,
    @Args('attributes', { type: () => [ServiceAttributeInput] })
    attributes: ServiceAttributeInput[],
  ): Promise<ServiceObject> {
    return ServiceObject.from(await this.setAttributes.execute(serviceCode, attributes));
  }

  @Roles(Role.Admin)
  @Mutation(() => DepartmentObject, {
    description:
      "Sets the business calendar a department's business-hour targets are counted in (admins). Cases already routed keep their due times.",
  })
  async setDepartmentCalendar(
    @Args('departmentCode') departmentCode: string,
    @Args('calendarCode') calendarCode: string,
  ): Promise<DepartmentObject> {
    return DepartmentObject.from(await this.setCalendar.execute(departmentCode, calendarCode));
  }

  @Roles(Role.Admin)
  @Mutation(() => DepartmentObject, {
    description:
      "Sets the mailbox told of each of the department's cases that goes overdue, or clears it with null (admins).",
  })
  async setDepartmentEscalationEmail(
    @Args('departmentCode') departmentCode: string,
    @Args('email', { type: () => String, nullable: true }) email: string | null,
  ): Promise<DepartmentObject> {
    return DepartmentObject.from(await this.setEscalationEmail.execute(departmentCode, email));
  }
}
