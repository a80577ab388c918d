import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { assertPageSize, Role, type Identity } from '@civitas/contracts';
import { RightsException } from '../rights.exception.js';
import { ListMyRequestsUseCase } from '../use-cases/list-my-requests/list-my-requests.use-case.js';
import {
  decodeMyRequestsCursor,
  encodeMyRequestsCursor,
} from '../use-cases/list-my-requests/my-requests-cursor.util.js';
import { MyRequestObject, MyRequestPageObject } from './my-request.object.js';

/** A page of the resident's list when `first` is not given, and the most one may ask for. */
export const MY_REQUESTS_DEFAULT_PAGE = 20;
export const MY_REQUESTS_MAX_PAGE = 100;

/** The signed-in resident's own requests (docs/adr/0096). */
@Resolver(() => MyRequestObject)
export class MyRequestsResolver {
  constructor(private readonly listMyRequests: ListMyRequestsUseCase) {}

  @Roles(Role.Resident)
  @Query(() => MyRequestPageObject, {
    description:
      'Your own requests, newest first, including one just acknowledged whose case is still being opened (NEW). Empty until your sign-in is linked to your record. Audited as a self-access (not an export).',
  })
  async myRequests(
    @CurrentIdentity() who: Identity,
    @Args('first', {
      type: () => Int,
      defaultValue: MY_REQUESTS_DEFAULT_PAGE,
      description: `At most ${MY_REQUESTS_MAX_PAGE}.`,
    })
    first: number,
    @Args('after', {
      type: () => String,
      nullable: true,
      description: 'The endCursor of the page before.',
    })
    after: string | null,
  ): Promise<MyRequestPageObject> {
    assertPageSize(first, MY_REQUESTS_MAX_PAGE);
    const from = after ? decodeMyRequestsCursor(after) : null;
    if (after && !from) {
      throw RightsException.invalid('after', 'is not a cursor given by myRequests');
    }
    const page = await this.listMyRequests.execute(who, { first, after: from });
    return Object.assign(new MyRequestPageObject(), {
      nodes: page.rows.map((row) => MyRequestObject.from(row)),
      endCursor: page.end ? encodeMyRequestsCursor(page.end) : null,
      hasNextPage: page.hasNextPage,
      signInLinked: page.linked,
    });
  }
}
