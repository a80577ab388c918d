// What the rest of cases may use of interactions (docs/adr/0033); the rest is internal.
export { InteractionsModule } from './interactions.module.js';
export { InteractionEntity } from './interaction.entity.js';
export { InteractionRepository } from './interaction.repository.js';
