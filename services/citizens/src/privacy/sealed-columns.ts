import type { SealedTable } from '@civitas/crypto';

/** Every column of this service that holds a value sealed by the PII cipher (key rotation walks them). */
export const CITIZENS_SEALED_TABLES: SealedTable[] = [
  {
    table: 'citizen',
    key: 'id',
    columns: ['first_name_enc', 'last_name_enc', 'organisation_name_enc', 'email_enc', 'phone_enc'],
  },
  { table: 'contact_point', key: 'id', columns: ['value_enc'] },
  { table: 'identity_link', key: 'id', columns: ['source_id_enc'] },
  { table: 'contact_point_claim', key: 'id', columns: ['value_enc'] },
  { table: 'login_link_request', key: 'id', columns: ['sub_enc'] },
];
