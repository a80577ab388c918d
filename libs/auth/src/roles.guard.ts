import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, hasAnyRole, type Role } from '@civitas/contracts';
import { identityFromExecutionContext, PUBLIC_KEY, ROLES_KEY } from './decorators.js';

/**
 * Deny by default: a resolver is open only when marked `@Public()`; otherwise the caller needs a
 * verified identity, and the roles named by `@Roles()` when there are any.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      return true;
    }
    const identity = identityFromExecutionContext(context);
    if (!identity.sub && identity.roles.length === 0) {
      throw new DomainError(
        'UNAUTHENTICATED',
        'This operation needs a signed-in caller',
        [],
        'unauthenticated',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && roles.length > 0 && !hasAnyRole(identity, roles)) {
      throw new DomainError(
        'FORBIDDEN',
        `This operation needs one of the roles: ${roles.join(', ')}`,
        [],
        'forbidden',
      );
    }
    return true;
  }
}
