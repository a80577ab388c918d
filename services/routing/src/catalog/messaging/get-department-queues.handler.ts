import { Injectable } from '@nestjs/common';
import {
  GetDepartmentQueues,
  type GetDepartmentQueuesReply,
  type GetDepartmentQueuesRequest,
} from '@civitas/contracts';
import { OnRequest, type RequestHandler } from '@civitas/messaging';
import { CatalogRepository } from '../catalog.repository.js';

/** Cases checks the departments and queues it puts staff on exist (docs/adr/0059). */
@Injectable()
@OnRequest(GetDepartmentQueues)
export class GetDepartmentQueuesHandler implements RequestHandler<
  GetDepartmentQueuesRequest,
  GetDepartmentQueuesReply
> {
  constructor(private readonly catalog: CatalogRepository) {}

  async handle(request: GetDepartmentQueuesRequest): Promise<GetDepartmentQueuesReply> {
    const departmentCodes = [...new Set(request.departmentCodes)];
    const queueCodes = [...new Set(request.queueCodes)];
    const departments =
      departmentCodes.length > 0 ? await this.catalog.departmentsByCodes(departmentCodes) : [];
    const queues = queueCodes.length > 0 ? await this.catalog.queuesByCodes(queueCodes) : [];
    return {
      departmentCodes: departments.map((d) => d.code),
      queues: queues.map((q) => ({
        code: q.code,
        departmentCode: q.departmentCode,
        assignment: q.assignment,
      })),
    };
  }
}
