export { MergesModule } from './merges.module.js';
export { CitizenMergeEntity } from './citizen-merge.entity.js';
