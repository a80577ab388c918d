import { AttributeDatatype } from '@civitas/contracts';
import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { ServiceEntity } from './service.entity.js';

export interface AttributeValueOption {
  key: string;
  name: string;
}

/** One question a service asks when a request is made (an Open311 attribute). */
@Entity('service_attribute')
@Unique('service_attribute_order_key', ['serviceCode', 'order'])
@Check(
  'service_attribute_datatype_check',
  `datatype IN ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')`,
)
export class ServiceAttributeEntity {
  @PrimaryColumn('text')
  @ForeignKey(() => ServiceEntity, 'code', {
    name: 'service_attribute_service_code_fkey',
    onDelete: 'CASCADE',
  })
  serviceCode: string;

  @PrimaryColumn('text')
  code: string;

  /** False: information shown to the person, not a question. */
  @Column('boolean', { default: true })
  variable: boolean;

  @Column('text')
  datatype: AttributeDatatype;

  @Column('boolean', { default: false })
  required: boolean;

  @Column('text', { default: '' })
  datatypeDescription: string;

  /** Display order, unique within the service. */
  @Column('integer')
  order: number;

  @Column('text', { default: '' })
  description: string;

  /** The choices of a list datatype, in display order; empty for the others. */
  @Column('jsonb')
  values: AttributeValueOption[];
}
