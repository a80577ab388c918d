import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ANONYMOUS, type Identity, type Role } from '@civitas/contracts';

export const PUBLIC_KEY = 'civitas:public';
export const ROLES_KEY = 'civitas:roles';

/** Open to anonymous callers (residents submitting and tracking). Everything else needs a token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** Only callers holding one of these roles. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);

export interface IdentityCarrier {
  identity?: Identity;
}

export function identityFromExecutionContext(context: ExecutionContext): Identity {
  if (context.getType<string>() === 'graphql') {
    const req = GqlExecutionContext.create(context).getContext<{ req?: IdentityCarrier }>().req;
    return req?.identity ?? ANONYMOUS;
  }
  return context.switchToHttp().getRequest<IdentityCarrier>().identity ?? ANONYMOUS;
}

export const CurrentIdentity = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Identity => identityFromExecutionContext(context),
);
