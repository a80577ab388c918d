import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AttributeDatatype } from '@civitas/contracts';
import type { ServiceAttributeEntity } from '../service-attribute.entity.js';

registerEnumType(AttributeDatatype, {
  name: 'AttributeDatatype',
  description: 'Open311 attribute datatypes, spelled as the standard spells them.',
});

@ObjectType('AttributeValueOption', { description: 'One choice of a list attribute.' })
export class AttributeValueOptionObject {
  @Field({ description: 'What is sent as the answer.' })
  key: string;

  @Field({ description: 'What is shown to the person.' })
  name: string;
}

@ObjectType('ServiceAttribute', {
  description: 'A question a service asks when a request is made (an Open311 attribute).',
})
export class ServiceAttributeObject {
  @Field({ description: 'False: information to show the person, not a question.' })
  variable: boolean;

  @Field({ description: 'Sent back as the answer\u2019s code (Open311 `attribute[CODE]`).' })
  code: string;

  @Field(() => AttributeDatatype)
  datatype: AttributeDatatype;

  @Field()
  required: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'A hint on how to answer, e.g. "the plate number as written".',
  })
  datatypeDescription: string | null;

  @Field(() => Int, { description: 'Display order, unique within the service.' })
  order: number;

  @Field({ description: 'The question as shown to the person.' })
  description: string;

  @Field(() => [AttributeValueOptionObject], {
    description: 'The choices of a singlevaluelist or multivaluelist; empty otherwise.',
  })
  values: AttributeValueOptionObject[];

  static from(entity: ServiceAttributeEntity): ServiceAttributeObject {
    return Object.assign(new ServiceAttributeObject(), {
      variable: entity.variable,
      code: entity.code,
      datatype: entity.datatype,
      required: entity.required,
      datatypeDescription: entity.datatypeDescription || null,
      order: entity.order,
      description: entity.description,
      values: entity.values.map((v) => ({ key: v.key, name: v.name })),
    });
  }
}
