import { BaseServiceConfig } from '@civitas/config';

export class CasesConfig extends BaseServiceConfig {}
