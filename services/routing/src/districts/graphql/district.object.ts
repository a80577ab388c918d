import { Field, ObjectType } from '@nestjs/graphql';
import type { DistrictEntity } from '../district.entity.js';

@ObjectType('District', {
  description: 'A ward, borough or council district: routing places each located case in one.',
})
export class DistrictObject {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field({ description: 'False when it places no new case.' })
  active: boolean;

  @Field({
    description:
      'The boundary as GeoJSON text: a Polygon or MultiPolygon, positions [longitude, latitude].',
  })
  geometry: string;

  static from(entity: DistrictEntity): DistrictObject {
    return Object.assign(new DistrictObject(), {
      code: entity.code,
      name: entity.name,
      active: entity.active,
      geometry: JSON.stringify(entity.geometry),
    });
  }
}
