import type { Channel, ReporterContact } from '@civitas/contracts';
import { InputBuilder } from './input.builder.js';

/** intake's `LocationInput`: coordinates, an address, an address id, or several. */
export interface LocationInput {
  latitude?: number;
  longitude?: number;
  address?: string;
  addressId?: string;
}

/** intake's `ReporterInput`: the reporter's contact, field for field (`ReporterContact`). */
export type ReporterInput = ReporterContact;

export interface AttributeValueInput {
  code: string;
  values: string[];
}

/** intake's `SubmitServiceRequestInput`. */
export interface SubmitServiceRequestInput {
  serviceCode: string;
  description?: string;
  channel?: Channel | `${Channel}`;
  location?: LocationInput;
  reporter?: ReporterInput;
  attributes?: AttributeValueInput[];
  mediaUrl?: string;
  deviceId?: string;
  private?: boolean;
  idempotencyKey?: string;
}

export class SubmitServiceRequestInputBuilder extends InputBuilder<SubmitServiceRequestInput> {
  constructor(serviceCode: string) {
    super({ serviceCode, location: { address: '1 Main St' } });
  }

  forService(serviceCode: string): this {
    return this.with({ serviceCode });
  }

  /** The channel it came in by; left out, the service takes its default (WEB). */
  via(channel: Channel | `${Channel}`): this {
    return this.with({ channel });
  }

  at(location: LocationInput): this {
    return this.with({ location });
  }

  atAddress(address: string): this {
    return this.with({ location: { address } });
  }

  describedAs(description: string): this {
    return this.with({ description });
  }

  withReporter(reporter: ReporterInput): this {
    return this.with({ reporter });
  }

  withAnswers(attributes: AttributeValueInput[]): this {
    return this.with({ attributes });
  }

  withIdempotencyKey(idempotencyKey: string): this {
    return this.with({ idempotencyKey });
  }

  /** The reporter asks to keep it private (docs/adr/0057). */
  asPrivate(): this {
    return this.with({ private: true });
  }
}

/** An anonymous report of `serviceCode` (a pothole unless said) at 1 Main St. */
export function aSubmitServiceRequestInput(
  serviceCode = 'pothole',
): SubmitServiceRequestInputBuilder {
  return new SubmitServiceRequestInputBuilder(serviceCode);
}
