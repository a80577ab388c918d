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
 * while it is empty (a new intake, or a catalog older than the stream's 30 days) intake asks
 * routing for the whole catalog, at start-up and every CATALOG_FILL_RETRY_MS until it has one, and
 * once more on a report that finds it empty.
 */
@Injectable()
export class ServiceCatalog extends PollingWorker {
  private readonly logger = new Logger(ServiceCatalog.name);
  protected readonly loop: PollingLoop;
  /** Once it holds a definition the copy is never empty again (retired services stay, inactive). */
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
        if (!(await this.ensureFilled())) {
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

  /** Whether the copy holds the catalog, asking routing for all of it first while it is empty. */
  async ensureFilled(): Promise<boolean> {
    if (this.filled) {
      return true;
    }
    if (await this.definitions.isEmpty()) {
      try {
        const reply = await this.bus.request(
          GetServiceCatalog,
          { includeRetired: true },
          this.config.CATALOG_FILL_TIMEOUT_MS,
        );
        const kept = await this.definitions.keep(reply.services);
        this.logger.log({ msg: 'copy of the catalog filled from routing', services: kept });
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
    this.filled = !(await this.definitions.isEmpty());
    return this.filled;
  }
}
