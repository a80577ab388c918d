import { CreateMessagingTables1764000000000 } from '@civitas/messaging';
import type { ServiceDefinition } from '@civitas/service-kit';
import { SubmissionEntity } from '../submissions/submission.entity.js';
import { CreateSubmissions1764000000200 } from './migrations/1764000000200-CreateSubmissions.js';

export const INTAKE: ServiceDefinition = {
  service: 'intake',
  entities: [SubmissionEntity],
  migrations: [CreateMessagingTables1764000000000, CreateSubmissions1764000000200],
};
