import { domainErrorFor } from '@civitas/contracts';

export enum LegacyImportErrorCode {
  CatalogUnavailable = 'CATALOG_UNAVAILABLE',
}

export class LegacyImportException extends domainErrorFor<LegacyImportErrorCode>({
  [LegacyImportErrorCode.CatalogUnavailable]: 'unavailable',
}) {}
