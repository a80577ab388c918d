import { Module } from '@nestjs/common';
import { AdminChangeAuditRepository } from './admin-change-audit.repository.js';
import { AdminChangeLogResolver } from './graphql/admin-change-log.resolver.js';
import {
  StoreCasesAdminChangeHandler,
  StoreCitizensAdminChangeHandler,
  StoreIntakeAdminChangeHandler,
  StoreRoutingAdminChangeHandler,
} from './messaging/store-admin-change.handlers.js';

/** The log of configuration changes made in every service (docs/adr/0092). */
@Module({
  providers: [
    AdminChangeAuditRepository,
    AdminChangeLogResolver,
    StoreRoutingAdminChangeHandler,
    StoreCasesAdminChangeHandler,
    StoreIntakeAdminChangeHandler,
    StoreCitizensAdminChangeHandler,
  ],
})
export class AdminChangesModule {}
