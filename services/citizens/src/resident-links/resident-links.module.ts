import { Module } from '@nestjs/common';
import { CitizensModule } from '../citizens/index.js';
import { ResidentLinks } from './resident-links.js';

/** Finds the resident behind a sign-in (shared by consents and the residents' rights). */
@Module({
  imports: [CitizensModule],
  providers: [ResidentLinks],
  exports: [ResidentLinks, CitizensModule],
})
export class ResidentLinksModule {}
