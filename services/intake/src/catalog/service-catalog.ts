import { Inject, Injectable, Logger } from '@nestjs/common';
import { GetServiceCatalog, type ServiceDefinitionView } from '@civitas/contracts';
import { BusClient, BusRequestError, PollingLoop, PollingWorker } from '@civitas/messaging';
import { INTAKE_CONFIG } from '../config/intake-config.token.js';
import type { IntakeConfig } from '../config/intake.config.js';
import { ServiceDefinitionsRepository } from './service-definitions.repository.js';

/** What intake's copy of the catalog says about a service code. */
export type CatalogLookup =
  | { state: 'found'; service: ServiceDefinitionView }
  /** Not in the catalog, or retired: with the codes residents may use. */
  | { state: 'unknown'; knownCodes: string[] }
  /** The copy is still empty and routing did not give its catalog: nothing can be checked. */
  | { state: 'unavailable' };

/**
 * Intake's own copy of the service catalog (docs/adr/0069): every channel validates against it,
 * so reports are accepted while routing is down. `service-definition-changed` keeps it current;
 * since the stream keeps 30 days and a catalog is older, each intake process also asks routing for
 * the whole catalog, at start-up and every CATALOG_FILL_RETRY_MS until routing has answered once,
 * and on a report whose service its copy does not hold. Only an empty copy with routing silent
 * cannot check a report.
 */
@Injectable()
export class ServiceCatalog extends PollingWorker {
  private readonly logger = new Logger(ServiceCatalog.name);
  protected readonly loop: PollingLoop;
  /** Routing's whole catalog has been kept in this process (events keep it current after). */
  private filled = false;

  constructor(
    private readonly definitions: ServiceDefinitionsRepository,
    private readonly bus: BusClient,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {
    super();
    this.loop = new PollingLoop({
      name: 'filling the copy of the catalog',
      work: async () => {
        if (!(await this.fillFromRouting())) {
          throw new Error('routing has not given its catalog yet');
        }
      },
      intervalMs: config.CATALOG_FILL_RETRY_MS,
      logger: this.logger,
    });
  }

  async lookup(serviceCode: string): Promise<CatalogLookup> {
    let copy = await this.definitions.byCode(serviceCode);
    if (!copy) {
      if (!(await this.ensureFilled())) {
        return { state: 'unavailable' };
      }
      copy = await this.definitions.byCode(serviceCode);
    }
    return copy?.active
      ? { state: 'found', service: copy.definition }
      : { state: 'unknown', knownCodes: await this.definitions.activeCodes() };
  }

  /**
   * Whether the copy can answer: it has had routing's whole catalog in this process, or, while
   * routing does not answer, it holds definitions (kept from events or an earlier fill).
   */
  async ensureFilled(): Promise<boolean> {
    return (await this.fillFromRouting()) || !(await this.definitions.isEmpty());
  }

  /**
   * Asks routing for its whole catalog until it has answered once in this process. Holding some
   * definitions is not enough: events for a few services (an admin's edit) may have arrived while
   * routing was not answering, and the rest of the catalog is only in routing.
   */
  private async fillFromRouting(): Promise<boolean> {
    if (this.filled) {
      return true;
    }
    try {
      const reply = await this.bus.request(
        GetServiceCatalog,
        { includeRetired: true },
        this.config.CATALOG_FILL_TIMEOUT_MS,
      );
      const kept = await this.definitions.keep(reply.services);
      this.filled = true;
      this.logger.log({ msg: 'copy of the catalog filled from routing', services: kept });
      return true;
    } catch (error) {
      if (
        error instanceof BusRequestError &&
        (error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT')
      ) {
        return false;
      }
      throw error;
    }
  }
}
