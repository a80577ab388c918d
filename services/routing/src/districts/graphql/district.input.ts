import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** The same shape as service codes: they travel in events and Open311 answers as they are. */
const DISTRICT_CODE = /^[a-z0-9][a-z0-9-]{0,99}$/;

@InputType({ description: 'A district to add, or to replace by its code.' })
export class SaveDistrictInput {
  @Field({ description: 'Lower-case letters, digits and dashes; it names the district for good.' })
  @Matches(DISTRICT_CODE, { message: 'code must be 1 to 100 lower-case letters, digits or dashes' })
  code: string;

  @Field({ description: 'As residents and staff call it, e.g. "Ward 18" or "Lower Manhattan".' })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name: string;

  @Field({
    description:
      'The boundary as GeoJSON text: a Polygon or MultiPolygon, positions [longitude, latitude].',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1_000_000)
  geometry: string;

  @Field({
    nullable: true,
    description:
      'Inactive districts place no new case. Omitted: true for a new district, unchanged otherwise.',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
