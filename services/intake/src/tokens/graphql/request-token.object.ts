import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('RequestToken', { description: 'What an Open311 token resolves to.' })
export class RequestTokenObject {
  @Field()
  token: string;

  @Field({ description: 'The ticket number (Open311 service_request_id).' })
  ticketNumber: string;
}
