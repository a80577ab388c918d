import { Directive, Field, ObjectType } from '@nestjs/graphql';
import { CaseStatus } from '@civitas/contracts';
import type { MyRequestRow } from '../use-cases/list-my-requests/list-my-requests.use-case.js';

/** Routing owns services; the resident's list only points at one by code (its name from there). */
@ObjectType('Service')
@Directive('@key(fields: "code", resolvable: false)')
export class MyRequestServiceReference {
  @Field()
  code: string;
}

@ObjectType('MyRequest', {
  description:
    'One of your requests as you follow it: what, when, and where it stands (no staff notes).',
})
export class MyRequestObject {
  @Field()
  ticketNumber: string;

  @Field({ description: 'The service it was reported under.' })
  serviceCode: string;

  @Field(() => MyRequestServiceReference)
  service: MyRequestServiceReference;

  @Field(() => CaseStatus, {
    description: 'NEW until it is routed (also while its case is still being opened).',
  })
  status: CaseStatus;

  @Field({ description: 'When it was received.' })
  receivedAt: Date;

  @Field({ description: 'When it last changed; when it was closed, while closed.' })
  changedAt: Date;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  static from(row: MyRequestRow): MyRequestObject {
    return Object.assign(new MyRequestObject(), {
      ticketNumber: row.ticketNumber,
      serviceCode: row.serviceCode,
      service: { code: row.serviceCode },
      status: row.status,
      receivedAt: new Date(row.receivedAt),
      changedAt: new Date(row.changedAt),
      closedAt: row.closedAt ? new Date(row.closedAt) : null,
    });
  }
}

@ObjectType('MyRequestPage', { description: 'One page of your requests, newest first.' })
export class MyRequestPageObject {
  @Field(() => [MyRequestObject])
  nodes: MyRequestObject[];

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page; null when the page is empty.',
  })
  endCursor: string | null;

  @Field({ description: 'Whether there are more after this page.' })
  hasNextPage: boolean;

  @Field({
    description:
      'False while your sign-in is not linked to your record (the list is then empty): the contact centre links it.',
  })
  signInLinked: boolean;
}
