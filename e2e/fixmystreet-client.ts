/**
 * FixMyStreet's Open311 client (perllib/Open311.pm and its update poller in mysociety/fixmystreet)
 * as it behaves on the wire, re-told in TypeScript for the interoperability test: the calls it
 * makes (XML, no jurisdiction, its form fields, its date windows), how it reads the answers
 * (XML::Simple with its ForceArray/GroupTags), what it counts as success, and how it applies
 * polled updates to its own copy of a report. Nothing here is Civitas code.
 */

/** What XML::Simple, configured as FixMyStreet configures it, makes of a document. */
export type XmlValue = string | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

const GROUP_TAGS: Readonly<Record<string, string>> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  service_request_updates: 'request_update',
  groups: 'group',
};
const FORCE_ARRAY = new Set(Object.values(GROUP_TAGS));

interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (entity.startsWith('#x') || entity.startsWith('#X')) {
      return String.fromCodePoint(parseInt(entity.slice(2), 16));
    }
    if (entity.startsWith('#')) {
      return String.fromCodePoint(parseInt(entity.slice(1), 10));
    }
    return named[entity.toLowerCase()];
  });
}

/** A small, strict reader for the element-only documents Open311 serves; throws on bad XML. */
function parseXml(xml: string): XmlNode {
  const tokens = xml.replace(/^<\?xml[^>]*\?>\s*/, '').match(/<[^>]+>|[^<]+/g) ?? [];
  const root: XmlNode = { name: '#document', children: [], text: '' };
  const stack: XmlNode[] = [root];
  for (const token of tokens) {
    const top = stack[stack.length - 1];
    if (token.startsWith('</')) {
      const name = token.slice(2, -1).trim();
      if (top.name !== name) {
        throw new Error(`XML: </${name}> closes <${top.name}>`);
      }
      stack.pop();
    } else if (token.startsWith('<')) {
      const selfClosing = token.endsWith('/>');
      const name = token
        .slice(1, selfClosing ? -2 : -1)
        .trim()
        .split(/\s/)[0];
      const node: XmlNode = { name, children: [], text: '' };
      top.children.push(node);
      if (!selfClosing) {
        stack.push(node);
      }
    } else {
      top.text += decodeEntities(token);
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) {
    throw new Error('XML: not one well-formed root element');
  }
  return root.children[0];
}

function simplify(node: XmlNode): XmlValue {
  if (node.children.length === 0) {
    // SuppressEmpty => undef
    return node.text.trim() === '' ? undefined : node.text;
  }
  const out: XmlObject = {};
  for (const child of node.children) {
    const value = simplify(child);
    const existing = out[child.name];
    if (FORCE_ARRAY.has(child.name)) {
      out[child.name] = [...((existing as XmlValue[] | undefined) ?? []), value];
    } else if (existing !== undefined || child.name in out) {
      out[child.name] = [...(Array.isArray(existing) ? existing : [existing]), value];
    } else {
      out[child.name] = value;
    }
  }
  // GroupTags: <attributes><attribute/>…</attributes> reads as attributes => [ … ].
  for (const [group, item] of Object.entries(GROUP_TAGS)) {
    const grouped = out[group];
    if (grouped && typeof grouped === 'object' && !Array.isArray(grouped)) {
      const keys = Object.keys(grouped);
      if (keys.length === 1 && keys[0] === item) {
        out[group] = grouped[item];
      }
    }
  }
  return out;
}

/** `_get_xml_object`: the root's content, or undefined when the text is not XML. */
export function readXml(xml: string): XmlObject | undefined {
  try {
    return simplify(parseXml(xml)) as XmlObject;
  } catch {
    return undefined;
  }
}

/** DateTime::Format::W3CDTF's format of a UTC time with whole seconds. */
export function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A report as FixMyStreet holds it. */
export interface FmsReport {
  id: number;
  externalId: string;
  state: string;
  lastUpdate: Date;
  whenSent: Date;
  comments: FmsComment[];
}

export interface FmsComment {
  text: string;
  externalId: string | undefined;
  problemState: string | undefined;
  created: Date;
}

const OPEN_STATES = new Set(['confirmed', 'investigating', 'in progress', 'action scheduled']);
const FIXED_STATES = new Set(['fixed', 'fixed - user', 'fixed - council']);
const VISIBLE_STATES = new Set([
  ...OPEN_STATES,
  ...FIXED_STATES,
  'closed',
  'duplicate',
  'not responsible',
  'unable to fix',
  'internal referral',
]);

export class FixMyStreetClient {
  /** Every call made, as FixMyStreet's debug_details would list it. */
  readonly calls: string[] = [];
  success = false;
  error = '';

  /** `endpoint` ends in a slash, as FixMyStreet bodies configure it. */
  constructor(
    private readonly endpoint: string,
    private readonly apiKey: string,
    private readonly extendedStatuses = false,
  ) {}

  getServiceList(): Promise<XmlObject | undefined> {
    return this.get('services.xml').then((xml) => (xml ? readXml(xml) : undefined));
  }

  getServiceMetaInfo(code: string): Promise<XmlObject | undefined> {
    return this.get(`services/${code}.xml`).then((xml) => (xml ? readXml(xml) : undefined));
  }

  /**
   * `send_service_request`: the id, or the token looked up for it; 0 on failure. `params` are in
   * the order `_populate_service_request_params` builds them.
   */
  async sendServiceRequest(params: [string, string][]): Promise<string | 0> {
    const response = await this.post('requests.xml', params);
    const obj = response ? readXml(response) : undefined;
    const first = (obj?.request as XmlObject[] | undefined)?.[0];
    if (typeof first?.service_request_id === 'string') {
      return first.service_request_id;
    }
    if (typeof first?.token === 'string') {
      return this.serviceRequestIdFromToken(first.token);
    }
    return 0;
  }

  async serviceRequestIdFromToken(token: string): Promise<string | 0> {
    const xml = await this.get(`tokens/${token}.xml`);
    const first = ((xml ? readXml(xml) : undefined)?.request as XmlObject[] | undefined)?.[0];
    return typeof first?.service_request_id === 'string' ? first.service_request_id : 0;
  }

  /** `get_service_requests` as GetServiceRequests calls it: the last hour. */
  async getServiceRequests(args: Record<string, string>): Promise<XmlObject[] | undefined> {
    const xml = await this.get('requests.xml', args);
    return (xml ? readXml(xml) : undefined)?.request as XmlObject[] | undefined;
  }

  /** `get_service_request_updates`: api_key first, then the window. */
  async getServiceRequestUpdates(start: string, end: string): Promise<XmlObject[] | undefined> {
    const xml = await this.get('servicerequestupdates.xml', {
      api_key: this.apiKey,
      start_date: start,
      end_date: end,
    });
    if (!this.success) {
      return undefined;
    }
    return (xml ? readXml(xml) : undefined)?.request_update as XmlObject[] | undefined;
  }

  /**
   * `post_service_request_update` for a resident's comment on `report`: the status it sends is
   * the report's state as FixMyStreet holds it; the answer is the update id, or 0 (a failure,
   * retried every 30 minutes for ever).
   */
  async postServiceRequestUpdate(
    report: FmsReport,
    comment: { id: number; text: string; name: string; email: string; confirmed: Date },
  ): Promise<string | 0> {
    const [first, last] = comment.name.split(/\s+/, 2);
    const params: [string, string][] = [
      ['updated_datetime', w3cdtf(comment.confirmed)],
      ['service_request_id', report.externalId],
      ['status', this.updateStatusFor(report.state)],
      ['description', comment.text],
      ['last_name', last || '-'],
      ['first_name', first],
      ['email', comment.email],
      ['update_id', String(comment.id)],
    ];
    const response = await this.post('servicerequestupdates.xml', params);
    const obj = response ? readXml(response) : undefined;
    const first311 = (obj?.request_update as XmlObject[] | undefined)?.[0];
    if (typeof first311?.update_id === 'string') {
      report.comments.push({
        text: comment.text,
        externalId: first311.update_id,
        problemState: undefined,
        created: comment.confirmed,
      });
      return first311.update_id;
    }
    return 0;
  }

  private updateStatusFor(state: string): string {
    if (!this.extendedStatuses) {
      return OPEN_STATES.has(state) ? 'OPEN' : 'CLOSED';
    }
    if (FIXED_STATES.has(state)) {
      return 'FIXED';
    }
    const extended: Record<string, string> = {
      'in progress': 'IN_PROGRESS',
      'action scheduled': 'ACTION_SCHEDULED',
      investigating: 'INVESTIGATING',
      duplicate: 'DUPLICATE',
      'not responsible': 'NOT_COUNCILS_RESPONSIBILITY',
      'unable to fix': 'NO_FURTHER_ACTION',
      'internal referral': 'INTERNAL_REFERRAL',
      closed: 'CLOSED',
    };
    return extended[state] ?? 'OPEN';
  }

  /** `map_state`. */
  mapState(incoming: string): string {
    const state = incoming.toLowerCase().replace(/_/g, ' ');
    const map: Record<string, string> = {
      fixed: 'fixed - council',
      'not councils responsibility': 'not responsible',
      'no further action': 'unable to fix',
      open: 'confirmed',
      closed: this.extendedStatuses ? 'closed' : 'fixed - council',
    };
    return map[state] ?? state;
  }

  /**
   * GetServiceRequestUpdates' `process_requests` on `reports`, in the order the updates came:
   * skip those without an update id, outside the window or already held; each new one becomes a
   * comment, whose state becomes the report's when it is visible and not older than the report's
   * last update.
   */
  applyUpdates(
    updates: XmlObject[],
    reports: FmsReport[],
    window: [start: string, end: string],
  ): number {
    let created = 0;
    for (const update of updates) {
      if (typeof update.update_id !== 'string') {
        continue;
      }
      const at = new Date(String(update.updated_datetime ?? ''));
      if (Number.isNaN(at.getTime())) {
        continue;
      }
      if (at < new Date(window[0]) || at > new Date(window[1])) {
        continue;
      }
      const report = reports.find((r) => r.externalId === update.service_request_id);
      if (!report) {
        continue;
      }
      if (report.comments.some((c) => c.externalId === update.update_id)) {
        continue;
      }
      created += 1;
      const state = this.mapState(String(update.status ?? ''));
      const commentTime = at <= report.whenSent ? new Date(report.whenSent.getTime() + 1000) : at;
      const comment: FmsComment = {
        text: String(update.description ?? ''),
        externalId: update.update_id,
        problemState: undefined,
        created: commentTime,
      };
      if (
        VISIBLE_STATES.has(state) &&
        !(FIXED_STATES.has(report.state) && FIXED_STATES.has(state))
      ) {
        comment.problemState = state;
        if (
          report.state !== state &&
          (commentTime >= report.lastUpdate || report.comments.length === 0)
        ) {
          report.state = state;
        }
      }
      if (commentTime > report.lastUpdate) {
        report.lastUpdate = commentTime;
      }
      report.comments.push(comment);
    }
    return created;
  }

  private async get(
    path: string,
    params: Record<string, string> = {},
  ): Promise<string | undefined> {
    const url = new URL(path, this.endpoint);
    for (const [name, value] of Object.entries(params)) {
      url.searchParams.append(name, value);
    }
    return this.request('GET', url, undefined);
  }

  /** POSTs form-encoded, `api_key` added last, no jurisdiction (none configured). */
  private post(path: string, params: [string, string][]): Promise<string | undefined> {
    const body = new URLSearchParams([...params, ['api_key', this.apiKey]]).toString();
    return this.request('POST', new URL(path, this.endpoint), body);
  }

  private async request(
    method: string,
    url: URL,
    body: string | undefined,
  ): Promise<string | undefined> {
    this.calls.push(`${method} ${url.pathname}${url.search}${body ? ` ${body}` : ''}`);
    const res = await fetch(url, {
      method,
      ...(body !== undefined
        ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }
        : {}),
    });
    const text = await res.text();
    this.success = res.ok;
    this.error = res.ok ? '' : `${res.status}: ${text}`;
    return res.ok ? text : undefined;
  }
}
