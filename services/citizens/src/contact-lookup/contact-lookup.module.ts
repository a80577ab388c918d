import { Module } from '@nestjs/common';
import { CitizensModule } from '../citizens/index.js';
import { ContactLookupResolver } from './graphql/contact-lookup.resolver.js';
import { FindCitizensByContactUseCase } from './use-cases/find-citizens-by-contact/find-citizens-by-contact.use-case.js';

/** Staff find the resident they are talking to by phone number or e-mail address. */
@Module({
  imports: [CitizensModule],
  providers: [FindCitizensByContactUseCase, ContactLookupResolver],
})
export class ContactLookupModule {}
