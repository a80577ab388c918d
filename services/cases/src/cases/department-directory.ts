import { Injectable } from '@nestjs/common';
import { GetDepartmentQueues } from '@civitas/contracts';
import { BusClient } from '@civitas/messaging';

/** Whether a department exists, asked of routing, which owns departments (docs/adr/0059). */
@Injectable()
export class DepartmentDirectory {
  constructor(private readonly bus: BusClient) {}

  async exists(departmentCode: string): Promise<boolean> {
    const reply = await this.bus.request(GetDepartmentQueues, {
      departmentCodes: [departmentCode],
      queueCodes: [],
    });
    return reply.departmentCodes.includes(departmentCode);
  }
}
