import { Module } from '@nestjs/common';
import { StaffRepository } from './staff.repository.js';

/** The staff directory (docs/adr/0059): read and written by the cases feature's assignment. */
@Module({
  providers: [StaffRepository],
  exports: [StaffRepository],
})
export class StaffModule {}
