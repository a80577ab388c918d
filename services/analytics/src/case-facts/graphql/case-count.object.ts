import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

// Keys are the GraphQL names, so they are written as the schema shows them.
export enum CaseCountGroup {
  SERVICE = 'SERVICE',
  DEPARTMENT = 'DEPARTMENT',
}

registerEnumType(CaseCountGroup, {
  name: 'CaseCountGroup',
  description: 'What case counts are grouped by.',
  valuesMap: {
    SERVICE: { description: 'The service code of each case.' },
    DEPARTMENT: { description: 'The department code owning each case; "unrouted" until routed.' },
  },
});

@ObjectType('CaseCount', { description: 'How many cases share one key.' })
export class CaseCountObject {
  @Field({
    description: 'A service code or a department code ("unrouted" for cases not yet routed).',
  })
  key: string;

  @Field(() => Int)
  count: number;

  @Field(() => Int, { description: 'How many of them are closed (imported history included).' })
  closed: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean hours from opening to closure, over closed cases with a known closure time.',
  })
  averageHoursToClose: number | null;
}
