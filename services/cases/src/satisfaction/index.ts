// What the rest of the service may use of satisfaction (docs/adr/0033); the rest is internal.
export { SatisfactionModule } from './satisfaction.module.js';
export { SatisfactionAnswerEntity } from './satisfaction-answer.entity.js';
export { SatisfactionRepository } from './satisfaction.repository.js';
