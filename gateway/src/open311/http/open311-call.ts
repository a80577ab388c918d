import type { GatewayContext } from '../../graph/gateway-context.js';
import type { FormFields } from '../form/form-fields.js';

export type ResponseFormat = 'json' | 'xml';

/** One Open311 call, as the use cases see it: no HTTP in sight. */
export interface Open311Call {
  format: ResponseFormat;
  /** The path segment before the format suffix (a service code, a request id, a token). */
  id: string;
  fields: FormFields;
  /** Anonymous: reads are public; writes swap in the api key's client. */
  context: GatewayContext;
  /** e.g. http://127.0.0.1:4000 (for discovery's endpoint URLs). */
  baseUrl: string;
}

/** What a use case answers: the XML root element and the JSON body it mirrors. */
export interface Open311Document {
  root: string;
  body: unknown;
  status?: number;
}
