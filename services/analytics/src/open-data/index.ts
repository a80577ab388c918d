// What the rest of analytics may use of open data (docs/adr/0033); everything else is internal.
export { OpenDataChangeEntity } from './open-data-change.entity.js';
export { OpenDataModule } from './open-data.module.js';
export {
  OpenDataSnapshotChunkEntity,
  OpenDataSnapshotEntity,
} from './open-data-snapshot.entity.js';
