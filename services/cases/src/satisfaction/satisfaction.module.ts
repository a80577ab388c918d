import { Module, type DynamicModule } from '@nestjs/common';
import { CasesModule } from '../cases/index.js';
import { SatisfactionResolver } from './graphql/satisfaction.resolver.js';
import { SatisfactionRepository } from './satisfaction.repository.js';
import { SurveyLinks } from './survey-links.js';
import { SubmitSatisfactionUseCase } from './use-cases/submit-satisfaction/submit-satisfaction.use-case.js';

/**
 * The closure notice's one-question survey: answers, their event, and `Case.satisfaction`. The
 * app imports `forRoot` (with the keys checking survey links); other features import the module
 * itself for the answers' repository (erasure).
 */
@Module({
  providers: [SatisfactionRepository],
  exports: [SatisfactionRepository],
})
export class SatisfactionModule {
  static forRoot(surveyTokenKeys: string | undefined): DynamicModule {
    return {
      module: SatisfactionModule,
      imports: [CasesModule],
      providers: [
        { provide: SurveyLinks, useValue: new SurveyLinks(surveyTokenKeys) },
        SubmitSatisfactionUseCase,
        SatisfactionResolver,
      ],
    };
  }
}
