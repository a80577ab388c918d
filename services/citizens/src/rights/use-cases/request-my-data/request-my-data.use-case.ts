import { Inject, Injectable, Logger } from '@nestjs/common';
import { CasesCitizenData, IntakeCitizenData, type Identity } from '@civitas/contracts';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { BusClient } from '@civitas/messaging';
import { CitizenRepository } from '../../../citizens/index.js';
import { ConsentRepository } from '../../../consents/index.js';
import { PiiAccessAuditRepository } from '../../../privacy/index.js';
import { ResidentLinks } from '../../../resident-links/index.js';
import { ResidentProfiles } from '../../resident-profile.js';
import { answerOf } from '../../rights.exception.js';
import { SelfAccessAudit } from '../../self-access.js';

/** How a request of this use case fails when a service does not answer. */
const FAILED = 'Your data could not be gathered';

/**
 * Everything held about the signed-in resident, in one document: citizens' own data, then what
 * intake and cases answer over the bus. All or nothing: a service not answering fails the export
 * (a partial download would look complete).
 */
@Injectable()
export class RequestMyDataUseCase {
  private readonly logger = new Logger(RequestMyDataUseCase.name);

  constructor(
    private readonly residents: ResidentLinks,
    private readonly profiles: ResidentProfiles,
    private readonly citizens: CitizenRepository,
    private readonly consents: ConsentRepository,
    private readonly audit: PiiAccessAuditRepository,
    private readonly selfAccess: SelfAccessAudit,
    private readonly bus: BusClient,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  async execute(actor: Identity): Promise<Record<string, unknown>> {
    const self = await this.residents.citizenOf(actor);
    const [profile, links, history, accessLog, intake, cases] = await Promise.all([
      this.profiles.of(self),
      this.citizens.identityLinks(self.id),
      this.consents.history(self.id),
      this.audit.forCitizen(self.id),
      answerOf(() => this.bus.request(IntakeCitizenData, { citizenId: self.id }), 'intake', FAILED),
      answerOf(() => this.bus.request(CasesCitizenData, { citizenId: self.id }), 'cases', FAILED),
    ]);
    await this.selfAccess.record(actor, self.id, ['export'], 'requestMyData');
    this.logger.log({ msg: 'resident data exported', citizenId: self.id });
    return {
      generatedAt: new Date().toISOString(),
      citizens: {
        profile,
        identityLinks: links.map((l) => ({
          sourceSystem: l.sourceSystem,
          sourceId: this.cipher.decrypt(l.sourceIdEnc),
          linkedAt: l.createdAt,
        })),
        consentHistory: history.map((e) => ({
          channel: e.channel,
          purpose: e.purpose,
          granted: e.granted,
          source: e.source,
          recordedBy: e.recordedBy,
          at: e.at,
        })),
        accessLog: accessLog.map((a) => ({
          at: a.at,
          actorSub: a.actorSub,
          actorRoles: a.actorRoles,
          fields: a.fields,
          purpose: a.purpose,
          outcome: a.outcome,
        })),
      },
      intake: { submissions: intake.submissions },
      cases: { cases: cases.cases },
    };
  }
}
