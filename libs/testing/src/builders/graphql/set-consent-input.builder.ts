import { InputBuilder } from './input.builder.js';

export type ConsentChannel = 'EMAIL' | 'SMS' | 'PHONE' | 'POST';
export type ConsentPurpose = 'STATUS_UPDATES' | 'SURVEYS' | 'SERVICE_ANNOUNCEMENTS';
/** REPORTING is never recorded (the service refuses it); a test may send it to see that. */
export type ConsentSource =
  'SELF_SERVICE' | 'PHONE' | 'EMAIL' | 'LETTER' | 'WALK_IN' | 'WEB' | 'REPORTING';

/** citizens' `SetConsentInput`. */
export interface SetConsentInput {
  citizenId?: string;
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  granted: boolean;
  source?: ConsentSource;
}

export class SetConsentInputBuilder extends InputBuilder<SetConsentInput> {
  constructor(granted: boolean) {
    super({ channel: 'EMAIL', purpose: 'STATUS_UPDATES', granted });
  }

  of(citizenId: string): this {
    return this.with({ citizenId });
  }

  by(channel: ConsentChannel): this {
    return this.with({ channel });
  }

  about(purpose: ConsentPurpose): this {
    return this.with({ purpose });
  }

  /** How the resident told staff (required of staff; a resident is always SELF_SERVICE). */
  toldBy(source: ConsentSource): this {
    return this.with({ source });
  }
}

/** A yes to status updates by e-mail, for the signed-in resident unless `of` names one. */
export function aConsentGiven(): SetConsentInputBuilder {
  return new SetConsentInputBuilder(true);
}

/** A no to status updates by e-mail, for the signed-in resident unless `of` names one. */
export function aConsentWithdrawn(): SetConsentInputBuilder {
  return new SetConsentInputBuilder(false);
}
