import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '@civitas/auth';
import { CaseObject } from '../../cases/index.js';
import { LegacyCasesRepository } from '../../legacy-origins/index.js';
import { LegacyOriginObject } from './legacy-origin.object.js';

/** Adds the legacy origin to `Case`; nothing here is personal data. */
@Resolver(() => CaseObject)
export class CaseLegacyResolver {
  constructor(private readonly origins: LegacyCasesRepository) {}

  @Public()
  @ResolveField(() => LegacyOriginObject, {
    nullable: true,
    description: 'Set on history imported from a legacy system.',
  })
  async legacy(@Parent() found: CaseObject): Promise<LegacyOriginObject | null> {
    const origin = (await this.origins.originsOf([found.id])).get(found.id);
    return origin ? LegacyOriginObject.from(origin) : null;
  }

  @Public()
  @ResolveField(() => String, {
    nullable: true,
    description: "The legacy system's id of an imported case.",
  })
  async sourceId(@Parent() found: CaseObject): Promise<string | null> {
    return (await this.origins.originsOf([found.id])).get(found.id)?.sourceId ?? null;
  }
}
