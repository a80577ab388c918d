/**
 * The GraphQL operations the app sends, typed by hand against the committed supergraph
 * (gateway/supergraph.graphql). Generating these types with GraphQL Code Generator is the
 * follow-up docs/adr/0072 names; until then a field added here is checked by the e2e browser spec.
 */
import { operation } from './client';

export type CaseStatus = 'NEW' | 'OPEN' | 'IN_PROGRESS' | 'ON_HOLD' | 'CLOSED';
export type Channel =
  'WEB' | 'MOBILE' | 'OPEN311' | 'PHONE' | 'WALK_IN' | 'LETTER' | 'EMAIL' | 'LEGACY_IMPORT';
export type SlaState = 'ON_TRACK' | 'AT_RISK' | 'OVERDUE' | 'MET' | 'MISSED';
export type AttributeDatatype =
  'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export interface ServiceQuestion {
  code: string;
  variable: boolean;
  datatype: AttributeDatatype;
  required: boolean;
  description: string;
  datatypeDescription: string | null;
  order: number;
  values: { key: string; name: string }[];
}

export interface CatalogService {
  code: string;
  name: string;
  description: string;
  group: string;
  keywords: string[];
  attributes: ServiceQuestion[];
}

export const CATALOG = operation<{
  services: CatalogService[];
  districts: { code: string; name: string; geometry: string }[];
}>(`query Catalog {
  services {
    code name description group keywords
    attributes {
      code variable datatype required description datatypeDescription order values { key name }
    }
  }
  districts { code name geometry }
}`);

export interface SubmitServiceRequestInput {
  serviceCode: string;
  description?: string;
  location?: { latitude?: number; longitude?: number; address?: string };
  reporter?: {
    firstName?: string;
    lastName?: string;
    email?: string;
    phone?: string;
    preferredLanguage?: string;
  };
  attributes?: { code: string; values: string[] }[];
  mediaUrl?: string;
  idempotencyKey?: string;
  /** WEB when omitted; staff entering a request on a caller's behalf: PHONE, WALK_IN or LETTER. */
  channel?: Channel;
}

export const SUBMIT = operation<
  {
    submitServiceRequest: {
      ticketNumber: string;
      serviceNotice: string | null;
      emergency: boolean;
    };
  },
  { input: SubmitServiceRequestInput }
>(`mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber serviceNotice emergency }
}`);

export interface RelatedCase {
  ticketNumber: string;
  status: CaseStatus;
}

export interface TrackedCase {
  ticketNumber: string;
  status: CaseStatus;
  createdAt: string;
  closedAt: string | null;
  description: string | null;
  service: { name: string };
  location: { latitude: number | null; longitude: number | null; address: string | null };
  /** visibility and author: staff read them (CASE_DETAIL asks for them). */
  timeline: {
    at: string;
    kind: string;
    summary: string;
    visibility?: string;
    author?: string | null;
  }[];
  children: RelatedCase[];
  parent: RelatedCase | null;
  duplicateOf: RelatedCase | null;
}

export const TRACK = operation<
  { caseByTicket: TrackedCase | null; ticketStatus: { status: CaseStatus } | null },
  { ticketNumber: string }
>(`query Track($ticketNumber: String!) {
  caseByTicket(ticketNumber: $ticketNumber) {
    ticketNumber status createdAt closedAt description
    service { name }
    location { latitude longitude address }
    timeline { at kind summary visibility }
    children { ticketNumber status }
    parent { ticketNumber status }
    duplicateOf { ticketNumber status }
  }
  ticketStatus(ticketNumber: $ticketNumber) { status }
}`);

export interface WorklistCase {
  ticketNumber: string;
  status: CaseStatus;
  dueAt: string | null;
  service: { name: string };
  sla: { state: SlaState; remainingMinutes: number } | null;
}

export const WORKLIST = operation<
  { worklist: { nodes: WorklistCase[]; endCursor: string | null; hasNextPage: boolean } },
  { after: string | null }
>(`query Worklist($after: String) {
  worklist(sort: DUE_AT, first: 25, after: $after) {
    nodes { ticketNumber status dueAt service { name } sla { state remainingMinutes } }
    endCursor hasNextPage
  }
}`);

export interface StaffCase extends TrackedCase {
  dueAt: string | null;
  sla: { state: SlaState; remainingMinutes: number } | null;
  channel: string;
  assignee: { subject: string; name: string } | null;
  department: { code: string; name: string } | null;
  possibleDuplicateOf: RelatedCase | null;
  followers: number;
  reporter: { id: string } | null;
}

export const CASE_DETAIL = operation<
  { caseByTicket: StaffCase | null },
  { ticketNumber: string }
>(`query CaseDetail($ticketNumber: String!) {
  caseByTicket(ticketNumber: $ticketNumber) {
    ticketNumber status createdAt closedAt description dueAt channel followers
    service { name }
    sla { state remainingMinutes }
    location { latitude longitude address }
    timeline { at kind summary visibility author }
    children { ticketNumber status }
    parent { ticketNumber status }
    duplicateOf { ticketNumber status }
    possibleDuplicateOf { ticketNumber status }
    assignee { subject name }
    department { code name }
    reporter { id }
  }
}`);

export const CHANGE_STATUS = operation<
  { changeCaseStatus: { ticketNumber: string; status: CaseStatus } },
  { input: { ticketNumber: string; status: CaseStatus; publicNote?: string; note?: string } }
>(`mutation ChangeStatus($input: ChangeCaseStatusInput!) {
  changeCaseStatus(input: $input) { ticketNumber status }
}`);

// --- Caseworker actions and the agent's pages (issue 13) ---------------------------------------

/** The case as the mutations below answer it: enough to say what changed. */
const CASE_AFTER = 'ticketNumber status assignee { subject name }';
type CaseAfter = { ticketNumber: string; status: CaseStatus; assignee: StaffCase['assignee'] };

export const CLAIM_CASE = operation<{ claimCase: CaseAfter }, { ticketNumber: string }>(
  `mutation ClaimCase($ticketNumber: String!) { claimCase(ticketNumber: $ticketNumber) { ${CASE_AFTER} } }`,
);

export const UNASSIGN_CASE = operation<{ unassignCase: CaseAfter }, { ticketNumber: string }>(
  `mutation UnassignCase($ticketNumber: String!) { unassignCase(ticketNumber: $ticketNumber) { ${CASE_AFTER} } }`,
);

export const ASSIGN_CASE = operation<
  { assignCase: CaseAfter },
  { input: { ticketNumber: string; assigneeSubject: string } }
>(`mutation AssignCase($input: AssignCaseInput!) { assignCase(input: $input) { ${CASE_AFTER} } }`);

export interface StaffMember {
  subject: string;
  name: string;
  departmentCodes: string[];
  active: boolean;
}

/** The staff directory (supervisors: their departments' people; admins: everyone). */
export const STAFF_DIRECTORY = operation<{ staff: StaffMember[] }>(
  `query StaffDirectory { staff { subject name departmentCodes active } }`,
);

export const ADD_NOTE = operation<
  { addCaseNote: CaseAfter },
  { input: { ticketNumber: string; text: string; public: boolean } }
>(
  `mutation AddCaseNote($input: AddCaseNoteInput!) { addCaseNote(input: $input) { ${CASE_AFTER} } }`,
);

export const MARK_DUPLICATE = operation<
  { markCaseDuplicate: CaseAfter },
  { input: { ticketNumber: string; duplicateOf: string } }
>(
  `mutation MarkCaseDuplicate($input: MarkCaseDuplicateInput!) { markCaseDuplicate(input: $input) { ${CASE_AFTER} } }`,
);

export const REJECT_POSSIBLE_DUPLICATE = operation<
  { rejectPossibleDuplicate: CaseAfter },
  { ticketNumber: string }
>(
  `mutation RejectPossibleDuplicate($ticketNumber: String!) { rejectPossibleDuplicate(ticketNumber: $ticketNumber) { ${CASE_AFTER} } }`,
);

export const SPLIT_CASE = operation<
  { splitCase: CaseAfter },
  { input: { ticketNumber: string; parts: { serviceCode: string; description: string }[] } }
>(`mutation SplitCase($input: SplitCaseInput!) { splitCase(input: $input) { ${CASE_AFTER} } }`);

/** The services a part of a split case may be given. */
export const SERVICES = operation<{ services: { code: string; name: string; group: string }[] }>(
  `query Services { services { code name group } }`,
);

export type StaffEntryChannel = 'PHONE' | 'WALK_IN' | 'LETTER';

export const LOG_INTERACTION = operation<
  { logInteraction: { id: string; ticketNumber: string; channel: Channel } },
  {
    input: {
      ticketNumber: string;
      channel: StaffEntryChannel;
      summary: string;
      visibility: 'PUBLIC' | 'INTERNAL';
      citizenId?: string;
    };
  }
>(
  `mutation LogInteraction($input: LogInteractionInput!) { logInteraction(input: $input) { id ticketNumber channel } }`,
);

export interface CitizenFound {
  id: string;
  kind: 'PERSON' | 'ORGANIZATION';
  firstName: string | null;
  lastName: string | null;
  organisationName: string | null;
  email: string | null;
  phone: string | null;
}

const CITIZEN_FIELDS = 'id kind firstName lastName organisationName email phone';

/** Name (typos tolerated), e-mail, phone or address; every read is audited with `purpose`. */
export const SEARCH_CITIZENS = operation<
  { searchCitizens: CitizenFound[] },
  { query: string; purpose: string }
>(
  `query SearchCitizens($query: String!, $purpose: String) { searchCitizens(query: $query, purpose: $purpose, first: 20) { ${CITIZEN_FIELDS} } }`,
);

export interface CitizenView extends CitizenFound {
  preferredLanguage: string | null;
  mergedIntoId: string | null;
  contactPoints: { kind: 'EMAIL' | 'PHONE' | 'POSTAL'; value: string }[] | null;
  cases:
    | {
        ticketNumber: string;
        status: CaseStatus;
        createdAt: string;
        channel: Channel;
        service: { name: string };
        department: { name: string } | null;
      }[]
    | null;
}

/** The 360 view: who the resident is and their cases across departments. */
export const CITIZEN_360 = operation<
  { citizen: CitizenView | null },
  { id: string; purpose: string }
>(`query Citizen360($id: ID!, $purpose: String) {
  citizen(id: $id, purpose: $purpose) {
    ${CITIZEN_FIELDS} preferredLanguage mergedIntoId
    contactPoints { kind value }
    cases(first: 100) { ticketNumber status createdAt channel service { name } department { name } }
  }
}`);

// ---- Supervisor dashboard (issue 13): figures from analytics, overdue cases, team workload ----

/** Which cases the dashboard's figures count (analytics' CaseStatsFilter). */
export interface DashboardFilter {
  from?: string;
  to?: string;
  departmentCodes?: string[];
}

export interface DayFigures {
  key: { period: string | null };
  received: number;
  closed: number;
  slaMet: number;
  slaMissed: number;
  slaMetPercent: number | null;
  overdueNow: number;
  satisfactionAverage: number | null;
  satisfactionResponses: number;
}

export interface BacklogDay {
  period: string | null;
  endsOn: string;
  open: number;
  overdue: number;
}

export interface DemandCell {
  dayOfWeek: number;
  hour: number;
  received: number;
}

export interface HotSpot {
  latitude: number;
  longitude: number;
  received: number;
  topServices: string[];
}

const FIGURES = `received closed slaMet slaMissed slaMetPercent overdueNow satisfactionAverage satisfactionResponses`;

/** Everything the dashboard's charts show, in one request: the totals, each day, and the maps. */
export const DASHBOARD_FIGURES = operation<
  {
    totals: DayFigures[];
    days: DayFigures[];
    backlog: BacklogDay[];
    demandByHour: DemandCell[];
    hotSpots: HotSpot[];
    districts: { code: string; name: string; geometry: string }[];
  },
  { filter: DashboardFilter }
>(`query DashboardFigures($filter: CaseStatsFilter) {
  totals: caseStats(filter: $filter) { key { period } ${FIGURES} }
  days: caseStats(filter: $filter, interval: DAY) { key { period } ${FIGURES} }
  backlog(filter: $filter, interval: DAY) { period endsOn open overdue }
  demandByHour(filter: $filter) { dayOfWeek hour received }
  hotSpots(filter: $filter, top: 20) { latitude longitude received topServices }
  districts { code name geometry }
}`);

export const DEPARTMENTS = operation<{ departments: { code: string; name: string }[] }>(
  `query Departments { departments { code name } }`,
);

export interface OverdueCase {
  id: string;
  ticketNumber: string;
  status: CaseStatus;
  dueAt: string | null;
  service: { name: string };
  department: { code: string; name: string } | null;
  assignee: { subject: string; name: string } | null;
  sla: { state: SlaState; remainingMinutes: number } | null;
}

export const OVERDUE_CASES = operation<
  { overdueCases: OverdueCase[] },
  { departmentCode: string | null; first: number; after: string | null }
>(`query OverdueCases($departmentCode: String, $first: Int!, $after: ID) {
  overdueCases(departmentCode: $departmentCode, first: $first, after: $after) {
    id ticketNumber status dueAt
    service { name }
    department { code name }
    assignee { subject name }
    sla { state remainingMinutes }
  }
}`);

export interface StaffWorkload {
  subject: string;
  name: string;
  active: boolean;
  capacity: number | null;
  open: number;
  atRisk: number;
  overdue: number;
}

export const WORKLOAD = operation<{ workload: StaffWorkload[] }, { departmentCode: string }>(
  `query Workload($departmentCode: String!) {
  workload(departmentCode: $departmentCode) { subject name active capacity open atRisk overdue }
}`,
);

// ---- Supervisor: routing rules with preview, failed messages (issue 13) ----

export type Priority = 'EMERGENCY' | 'HIGH' | 'NORMAL' | 'LOW';

export interface RoutingRuleWhen {
  serviceCodes: string[];
  districtCodes: string[];
  channels: Channel[];
  keywords: string[];
  emergency: boolean | null;
  attribute: { code: string; equals: string } | null;
}

export interface RoutingRuleThen {
  departmentCode: string;
  queueCode: string | null;
  priority: Priority | null;
  slaHours: number | null;
}

export interface RoutingRule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  when: RoutingRuleWhen;
  then: RoutingRuleThen;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export interface RoutingRuleVersion {
  version: number;
  change: 'CREATED' | 'UPDATED' | 'DELETED';
  changedBy: string | null;
  changedAt: string;
  name: string;
  position: number;
  enabled: boolean;
  when: RoutingRuleWhen;
  then: RoutingRuleThen;
}

/** SaveRoutingRuleInput: a new rule (no id) or the whole of an existing one. */
export interface SaveRoutingRuleInput {
  id?: string;
  name: string;
  position?: number;
  enabled?: boolean;
  when: {
    serviceCodes?: string[];
    districtCodes?: string[];
    channels?: Channel[];
    keywords?: string[];
    emergency?: boolean;
    attribute?: { code: string; equals: string };
  };
  then: {
    departmentCode: string;
    queueCode?: string;
    priority?: Priority;
    slaHours?: number;
  };
}

const RULE_FIELDS = `name position enabled
  when { serviceCodes districtCodes channels keywords emergency attribute { code equals } }
  then { departmentCode queueCode priority slaHours }`;

export const ROUTING_RULES = operation<{
  routingRules: RoutingRule[];
  services: { code: string; name: string }[];
  departments: { code: string; name: string }[];
  districts: { code: string; name: string }[];
}>(`query RoutingRules {
  routingRules { id version updatedBy updatedAt ${RULE_FIELDS} }
  services { code name }
  departments { code name }
  districts { code name }
}`);

export const QUEUES = operation<
  { queues: { code: string; name: string }[] },
  { departmentCode: string }
>(
  `query Queues($departmentCode: String!) { queues(departmentCode: $departmentCode) { code name } }`,
);

export const SAVE_ROUTING_RULE = operation<
  { saveRoutingRule: RoutingRule },
  { input: SaveRoutingRuleInput }
>(`mutation SaveRoutingRule($input: SaveRoutingRuleInput!) {
  saveRoutingRule(input: $input) { id version updatedBy updatedAt ${RULE_FIELDS} }
}`);

export const DELETE_ROUTING_RULE = operation<{ deleteRoutingRule: boolean }, { id: string }>(
  `mutation DeleteRoutingRule($id: ID!) { deleteRoutingRule(id: $id) }`,
);

export const ROUTING_RULE_HISTORY = operation<
  { routingRuleHistory: RoutingRuleVersion[] },
  { id: string }
>(`query RoutingRuleHistory($id: ID!) {
  routingRuleHistory(id: $id) { version change changedBy changedAt ${RULE_FIELDS} }
}`);

export interface PreviewRoutingInput {
  serviceCode: string;
  description?: string;
  channel?: Channel;
  location?: { latitude: number; longitude: number };
  emergency?: boolean;
  rule?: SaveRoutingRuleInput;
}

export interface RoutingPreview {
  departmentCode: string;
  queueCode: string;
  priority: Priority;
  slaHours: number;
  dueAt: string;
  district: string | null;
  ruleId: string | null;
  ruleName: string | null;
}

export const PREVIEW_ROUTING = operation<
  { previewRouting: RoutingPreview },
  { input: PreviewRoutingInput }
>(`query PreviewRouting($input: PreviewRoutingInput!) {
  previewRouting(input: $input) {
    departmentCode queueCode priority slaHours dueAt district ruleId ruleName
  }
}`);

export interface NotificationDelivery {
  id: string;
  caseId: string;
  departmentCode: string | null;
  channel: string;
  template: string;
  language: string;
  status: string;
  attempts: number;
  lastError: string | null;
  updatedAt: string;
  createdAt: string;
}

export const FAILED_NOTIFICATIONS = operation<
  { failedNotifications: NotificationDelivery[] },
  { first: number }
>(`query FailedNotifications($first: Int!) {
  failedNotifications(first: $first) {
    id caseId departmentCode channel template language status attempts lastError updatedAt createdAt
  }
}`);

export interface EmailReply {
  id: string;
  ticketNumber: string;
  status: string;
  attempts: number;
  lastError: string | null;
  failedAt: string | null;
  createdAt: string;
  retryableUntil: string | null;
}

export const FAILED_EMAIL_REPLIES = operation<
  { failedEmailReplies: { nodes: EmailReply[]; endCursor: string | null } },
  { first: number; after: string | null }
>(`query FailedEmailReplies($first: Int!, $after: String) {
  failedEmailReplies(first: $first, after: $after) {
    nodes { id ticketNumber status attempts lastError failedAt createdAt retryableUntil }
    endCursor
  }
}`);

export const RETRY_EMAIL_REPLY = operation<{ retryEmailReply: EmailReply }, { id: string }>(
  `mutation RetryEmailReply($id: ID!) {
  retryEmailReply(id: $id) { id ticketNumber status attempts lastError failedAt createdAt retryableUntil }
}`,
);

export const CASE_TICKET = operation<{ case: { ticketNumber: string } | null }, { id: string }>(
  `query CaseTicket($id: ID!) { case(id: $id) { ticketNumber } }`,
);
// --- The signed-in resident's own pages and the closure survey (issue 13, docs/adr/0085) -------

export type ConsentChannel = 'EMAIL' | 'SMS' | 'PHONE' | 'POST';
export type ConsentPurpose = 'STATUS_UPDATES' | 'SURVEYS' | 'SERVICE_ANNOUNCEMENTS';
export type ContactPointKind = 'EMAIL' | 'PHONE' | 'POSTAL';

export interface ResidentProfile {
  id: string;
  kind: 'PERSON' | 'ORGANIZATION';
  firstName: string | null;
  lastName: string | null;
  organisationName: string | null;
  email: string | null;
  phone: string | null;
  preferredLanguage: string | null;
  contactPoints: { kind: ContactPointKind; value: string; addedAt: string }[];
  unverifiedContactPoints: {
    kind: ContactPointKind;
    value: string;
    addedAt: string;
    codeExpiresAt: string | null;
  }[];
  consents: {
    channel: ConsentChannel;
    purpose: ConsentPurpose;
    granted: boolean;
    source: string;
    updatedAt: string;
  }[];
}

const PROFILE_FIELDS = `id kind firstName lastName organisationName email phone preferredLanguage
  contactPoints { kind value addedAt }
  unverifiedContactPoints { kind value addedAt codeExpiresAt }
  consents { channel purpose granted source updatedAt }`;

export const ME = operation<{ me: ResidentProfile }>(`query Me { me { ${PROFILE_FIELDS} } }`);

export interface ContactPointInput {
  kind: ContactPointKind;
  value: string;
}

export const UPDATE_MY_PROFILE = operation<
  { updateMyProfile: ResidentProfile },
  {
    input: {
      preferredLanguage?: string;
      addContactPoints?: ContactPointInput[];
      removeContactPoints?: ContactPointInput[];
    };
  }
>(`mutation UpdateMyProfile($input: UpdateMyProfileInput!) {
  updateMyProfile(input: $input) { ${PROFILE_FIELDS} }
}`);

export const VERIFY_MY_CONTACT_POINT = operation<
  { verifyMyContactPoint: ResidentProfile },
  { input: ContactPointInput & { code: string } }
>(`mutation VerifyMyContactPoint($input: VerifyContactPointInput!) {
  verifyMyContactPoint(input: $input) { ${PROFILE_FIELDS} }
}`);

export const RESEND_CONTACT_POINT_CODE = operation<
  { resendContactPointCode: ResidentProfile },
  { input: ContactPointInput }
>(`mutation ResendContactPointCode($input: ContactPointInput!) {
  resendContactPointCode(input: $input) { ${PROFILE_FIELDS} }
}`);

/** A signed-in resident's own answer (no citizenId: the API records it as SELF_SERVICE). */
export const SET_MY_CONSENT = operation<
  { setConsent: { channel: ConsentChannel; purpose: ConsentPurpose; granted: boolean } },
  { input: { channel: ConsentChannel; purpose: ConsentPurpose; granted: boolean } }
>(`mutation SetMyConsent($input: SetConsentInput!) {
  setConsent(input: $input) { channel purpose granted }
}`);

/** The parts of the data download the pages read (the rest is saved as it came). */
export interface MyData {
  generatedAt: string;
  intake: {
    submissions: { ticketNumber: string; serviceCode: string; receivedAt: string }[];
  };
  cases: {
    cases: {
      ticketNumber: string;
      serviceCode: string;
      status: CaseStatus;
      openedAt: string;
      closedAt: string | null;
    }[];
  };
}

/** Everything held about the resident, gathered from citizens, intake and cases (audited). */
export const REQUEST_MY_DATA = operation<{ requestMyData: MyData }>(
  `query RequestMyData { requestMyData }`,
);

/** One of the resident's own requests (docs/adr/0096). */
export interface MyRequest {
  ticketNumber: string;
  service: { code: string; name: string };
  status: CaseStatus;
  receivedAt: string;
  changedAt: string;
  closedAt: string | null;
}

/** The resident's own requests, newest first, a page at a time (audited, not as an export). */
export const MY_REQUESTS = operation<
  {
    myRequests: {
      nodes: MyRequest[];
      endCursor: string | null;
      hasNextPage: boolean;
      signInLinked: boolean;
    };
  },
  { first?: number; after?: string | null }
>(`query MyRequests($first: Int, $after: String) {
  myRequests(first: $first, after: $after) {
    nodes { ticketNumber service { code name } status receivedAt changedAt closedAt }
    endCursor hasNextPage signInLinked
  }
}`);

export const ERASE_ME = operation<{ eraseMe: { citizenId: string; erasedAt: string } }>(
  `mutation EraseMe { eraseMe { citizenId erasedAt } }`,
);

/** The closure survey's answer: anonymous, the link's token is the credential (docs/adr/0060). */
export const SUBMIT_SATISFACTION = operation<
  { submitSatisfaction: { ticketNumber: string; score: number; at: string } },
  { input: { token: string; score: number; comment?: string } }
>(`mutation SubmitSatisfaction($input: SubmitSatisfactionInput!) {
  submitSatisfaction(input: $input) { ticketNumber score at }
}`);

// --- The admin's pages (issue 13, docs/adr/0088): catalog, districts, staff, queues, keys, audit ---

export type QueueAssignment = 'MANUAL' | 'ROUND_ROBIN' | 'LEAST_LOADED';

export interface AdminService {
  code: string;
  name: string;
  description: string;
  group: string;
  keywords: string[];
  slaHours: number;
  active: boolean;
  department: { code: string; name: string };
  attributes: ServiceQuestion[];
}

const ADMIN_SERVICE_FIELDS = `code name description group keywords slaHours active
    department { code name }
    attributes {
      code variable datatype required description datatypeDescription order values { key name }
    }`;

/** The whole catalog, inactive services included, and the departments a service may belong to. */
export const ADMIN_CATALOG = operation<{
  services: AdminService[];
  departments: { code: string; name: string }[];
}>(`query AdminCatalog {
  services(includeInactive: true) { ${ADMIN_SERVICE_FIELDS} }
  departments { code name }
}`);

export interface ServiceInput {
  name?: string;
  description?: string;
  group?: string;
  keywords?: string[];
  departmentCode?: string;
  slaHours?: number;
  active?: boolean;
}

export const CREATE_SERVICE = operation<
  { createService: AdminService },
  { input: ServiceInput & { code: string } }
>(`mutation CreateService($input: CreateServiceInput!) {
  createService(input: $input) { ${ADMIN_SERVICE_FIELDS} }
}`);

export const UPDATE_SERVICE = operation<
  { updateService: AdminService },
  { code: string; input: ServiceInput }
>(`mutation UpdateService($code: String!, $input: UpdateServiceInput!) {
  updateService(code: $code, input: $input) { ${ADMIN_SERVICE_FIELDS} }
}`);

export interface ServiceAttributeInput {
  code: string;
  variable: boolean;
  datatype: AttributeDatatype;
  required: boolean;
  datatypeDescription?: string;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

export const SET_SERVICE_ATTRIBUTES = operation<
  { setServiceAttributes: AdminService },
  { serviceCode: string; attributes: ServiceAttributeInput[] }
>(`mutation SetServiceAttributes($serviceCode: String!, $attributes: [ServiceAttributeInput!]!) {
  setServiceAttributes(serviceCode: $serviceCode, attributes: $attributes) { ${ADMIN_SERVICE_FIELDS} }
}`);

export interface District {
  code: string;
  name: string;
  active: boolean;
  geometry: string;
}

/** Every district, inactive ones too (the admin's list, to bring one back). */
export const ALL_DISTRICTS = operation<{ districts: District[] }>(
  `query AllDistricts { districts(includeInactive: true) { code name active geometry } }`,
);

export const SAVE_DISTRICT = operation<
  { saveDistrict: District },
  { input: { code: string; name: string; geometry: string; active?: boolean } }
>(`mutation SaveDistrict($input: SaveDistrictInput!) {
  saveDistrict(input: $input) { code name active geometry }
}`);

export interface AdminStaffMember {
  subject: string;
  name: string;
  email: string;
  departmentCodes: string[];
  queueCodes: string[];
  capacity: number | null;
  active: boolean;
}

const STAFF_FIELDS = 'subject name email departmentCodes queueCodes capacity active';

export const ADMIN_STAFF = operation<{
  staff: AdminStaffMember[];
  departments: { code: string; name: string }[];
}>(`query AdminStaff { staff { ${STAFF_FIELDS} } departments { code name } }`);

export const SAVE_STAFF_MEMBER = operation<
  { saveStaffMember: AdminStaffMember },
  {
    input: {
      subject: string;
      name: string;
      email: string;
      departmentCodes: string[];
      queueCodes: string[];
      capacity: number | null;
      active: boolean;
    };
  }
>(`mutation SaveStaffMember($input: SaveStaffMemberInput!) {
  saveStaffMember(input: $input) { ${STAFF_FIELDS} }
}`);

export interface AdminQueue {
  code: string;
  name: string;
  departmentCode: string;
  priority: boolean;
  assignment: QueueAssignment;
}

export const DEPARTMENT_QUEUES = operation<{ queues: AdminQueue[] }, { departmentCode: string }>(
  `query DepartmentQueues($departmentCode: String!) {
  queues(departmentCode: $departmentCode) { code name departmentCode priority assignment }
}`,
);

export const SAVE_QUEUE = operation<
  { saveQueue: AdminQueue },
  { input: { code: string; departmentCode: string; name: string; assignment: QueueAssignment } }
>(`mutation SaveQueue($input: SaveQueueInput!) {
  saveQueue(input: $input) { code name departmentCode priority assignment }
}`);

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

const API_KEY_FIELDS = 'id name prefix createdAt revokedAt';

export const API_KEYS = operation<{ apiKeys: ApiKey[] }>(
  `query ApiKeys { apiKeys { ${API_KEY_FIELDS} } }`,
);

export const CREATE_API_KEY = operation<
  { createApiKey: { key: string; apiKey: ApiKey } },
  { input: { name: string } }
>(`mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { key apiKey { ${API_KEY_FIELDS} } }
}`);

export const REVOKE_API_KEY = operation<{ revokeApiKey: ApiKey }, { id: string }>(
  `mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { ${API_KEY_FIELDS} } }`,
);

export interface AuditEntry {
  id: string;
  at: string;
  actorSub: string | null;
  actorRoles: string[];
  citizenId: string | null;
  fields: string[];
  purpose: string | null;
  outcome: string;
  occurrences: number;
}

export interface AuditFilter {
  citizenId?: string;
  actorSub?: string;
  since?: string;
}

export const AUDIT_LOG = operation<{ auditLog: AuditEntry[] }, AuditFilter & { first: number }>(
  `query AuditLog($citizenId: ID, $actorSub: String, $since: DateTime, $first: Int!) {
  auditLog(citizenId: $citizenId, actorSub: $actorSub, since: $since, first: $first) {
    id at actorSub actorRoles citizenId fields purpose outcome occurrences
  }
}`,
);

/** What `adminChangeLog(kind:)` accepts (docs/adr/0092). */
export const ADMIN_CHANGE_KINDS = [
  'SERVICE',
  'SERVICE_ATTRIBUTES',
  'DEPARTMENT',
  'QUEUE',
  'DISTRICT',
  'BUSINESS_CALENDAR',
  'ROUTING_RULE',
  'STAFF_MEMBER',
  'API_KEY',
  'CITIZEN_MERGE',
  'POSSIBLE_MATCH',
] as const;
export type AdminChangeKind = (typeof ADMIN_CHANGE_KINDS)[number];

export interface AdminFieldChange {
  field: string;
  before: string | null;
  after: string | null;
  withheld: boolean;
}

export interface AdminChange {
  id: string;
  at: string;
  service: string;
  actorSub: string | null;
  actorRoles: string[];
  kind: string;
  entityId: string;
  action: string;
  changes: AdminFieldChange[];
}

export interface AdminChangeFilter {
  kind?: string;
  actorSub?: string;
  since?: string;
}

export const ADMIN_CHANGE_LOG = operation<
  { adminChangeLog: AdminChange[] },
  AdminChangeFilter & { first: number }
>(
  `query AdminChangeLog($kind: String, $actorSub: String, $since: DateTime, $first: Int!) {
  adminChangeLog(kind: $kind, actorSub: $actorSub, since: $since, first: $first) {
    id at service actorSub actorRoles kind entityId action
    changes { field before after withheld }
  }
}`,
);
