// What the rest of cases may use of the staff directory (docs/adr/0033); the rest is internal.
export { StaffModule } from './staff.module.js';
export { StaffRepository } from './staff.repository.js';
export { StaffMemberEntity } from './staff-member.entity.js';
