import { Injectable } from '@nestjs/common';
import { Channel } from '@civitas/contracts';
import { Open311Error, ProblemList } from '../errors/open311.error.js';
import { truncate, type AttributeAnswer } from '../form/form-fields.js';
import { decimal, email, phone, text, url } from '../form/parameters.js';
import { ApiKeyVerifier } from '../graph/api-key.verifier.js';
import { CatalogReader } from '../graph/catalog.reader.js';
import { Open311Graph } from '../graph/open311-graph.js';
import { SUBMIT } from '../graph/operations.js';
import type { Open311Call, Open311Document } from '../http/open311-call.js';

const MAX_ATTRIBUTES = 100;
const MAX_VALUES = 50;

interface Receipt {
  submitServiceRequest: {
    ticketNumber: string;
    submissionId: string;
    serviceNotice: string | null;
  };
}

/**
 * `POST requests`: key first (403), then every parameter at once (400), then, when it answers
 * questions, the catalog (404 for an unknown service, 400 for an attribute it does not define),
 * and only then one submission, attributed to the API client, on channel OPEN311. A request
 * without answers goes straight to intake, which refuses an unknown code from its own copy of the
 * catalog (404 through the graph error mapper): asking routing first cost every such report a
 * second trip through the graph (docs/adr/0076). `address_id` is kept with the request (and
 * read back); `device_id` is kept sealed with the submission, never read back.
 */
@Injectable()
export class SubmitRequestUseCase {
  constructor(
    private readonly keys: ApiKeyVerifier,
    private readonly catalog: CatalogReader,
    private readonly graph: Open311Graph,
  ) {}

  async execute(call: Open311Call): Promise<Open311Document> {
    const context = await this.keys.contextFor(call);
    const { fields } = call;
    const problems = new ProblemList();
    const serviceCode = text(fields, 'service_code', 100, problems);
    if (!serviceCode && !fields.has('service_code')) {
      problems.add('service_code is required');
    }
    const lat = decimal(fields, 'lat', -90, 90, problems);
    const long = decimal(fields, 'long', -180, 180, problems);
    if (fields.has('lat') !== fields.has('long')) {
      problems.add('lat and long must be given together');
    }
    const addressString = text(fields, 'address_string', 500, problems);
    const addressId = text(fields, 'address_id', 200, problems);
    if (
      !fields.has('lat') &&
      !fields.has('long') &&
      !fields.has('address_string') &&
      !fields.has('address_id')
    ) {
      problems.add('A location is required: lat and long, or address_string, or address_id');
    }
    const description = text(fields, 'description', 4000, problems);
    const reporter = {
      email: email(fields, problems),
      phone: phone(fields, problems),
      firstName: text(fields, 'first_name', 200, problems),
      lastName: text(fields, 'last_name', 200, problems),
    };
    const deviceId = text(fields, 'device_id', 200, problems);
    const accountId = text(fields, 'account_id', 200, problems);
    const mediaUrl = url(fields, 'media_url', problems);
    const attributes = checkedAttributes(fields.attributes(problems), problems);
    problems.throwIfAny();

    if (attributes.length > 0) {
      await this.assertKnownAttributes(serviceCode!, attributes, call);
    }
    const location = {
      ...(lat !== undefined && long !== undefined ? { latitude: lat, longitude: long } : {}),
      ...(addressString ? { address: addressString } : {}),
      ...(addressId ? { addressId } : {}),
    };
    const hasReporter = Object.values(reporter).some((v) => v !== undefined);
    const receipt = (
      await this.graph.run<Receipt>(
        SUBMIT,
        {
          input: {
            serviceCode,
            description,
            channel: Channel.OPEN311,
            location,
            ...(hasReporter ? { reporter } : {}),
            ...(attributes.length ? { attributes } : {}),
            ...(mediaUrl ? { mediaUrl } : {}),
            ...(deviceId ? { deviceId } : {}),
          },
        },
        context,
      )
    ).submitServiceRequest;
    return {
      root: 'service_requests',
      body: [
        {
          service_request_id: receipt.ticketNumber,
          token: receipt.submissionId,
          // Absent, not null: the GeoReport swagger types both as strings.
          ...(receipt.serviceNotice ? { service_notice: receipt.serviceNotice } : {}),
          ...(accountId ? { account_id: accountId } : {}),
        },
      ],
    };
  }

  /**
   * The standard's rule: answers only to the attributes the service definition lists. While
   * routing cannot be reached this is left to intake, which checks the code and the answers against
   * its own copy of the catalog: a report is accepted whenever the gateway and intake are up
   * (docs/adr/0069).
   */
  private async assertKnownAttributes(
    serviceCode: string,
    attributes: AttributeAnswer[],
    call: Open311Call,
  ): Promise<void> {
    let definition;
    try {
      definition = await this.catalog.definition(serviceCode, call.context);
    } catch (error) {
      if (error instanceof Open311Error && error.status === 503) {
        return;
      }
      throw error;
    }
    if (!definition) {
      throw Open311Error.notFound(
        `service_code "${truncate(serviceCode)}" is not a service of this jurisdiction (see services.json)`,
      );
    }
    const known = new Set(definition.attributes.map((a) => a.code));
    const unknown = attributes.filter((a) => !known.has(a.code));
    if (unknown.length > 0) {
      throw Open311Error.badRequest(
        ...unknown.map(
          (a) =>
            `attribute[${truncate(a.code)}] is not an attribute of service ${truncate(serviceCode)}` +
            (known.size ? ` (its attributes: ${[...known].join(', ')})` : ' (it has none)'),
        ),
      );
    }
  }
}

function checkedAttributes(
  attributes: AttributeAnswer[],
  problems: ProblemList,
): AttributeAnswer[] {
  if (attributes.length > MAX_ATTRIBUTES) {
    problems.add(`At most ${MAX_ATTRIBUTES} attributes may be given (got ${attributes.length})`);
    return [];
  }
  for (const attribute of attributes) {
    if (attribute.code.length > 100) {
      problems.add(
        `attribute codes must be at most 100 characters (got "${truncate(attribute.code)}")`,
      );
    } else if (attribute.values.length > MAX_VALUES) {
      problems.add(`attribute[${attribute.code}] may have at most ${MAX_VALUES} values`);
    } else if (attribute.values.some((v) => v.length > 4000)) {
      problems.add(`attribute[${attribute.code}] values must be at most 4000 characters`);
    }
  }
  return attributes;
}
