/**
 * The GraphQL operations the app sends, typed by hand against the committed supergraph
 * (gateway/supergraph.graphql). Generating these types with GraphQL Code Generator is the
 * follow-up docs/adr/0072 names; until then a field added here is checked by the e2e browser spec.
 */
import { operation } from './client';

export type CaseStatus = 'NEW' | 'OPEN' | 'IN_PROGRESS' | 'ON_HOLD' | 'CLOSED';
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
  timeline: { at: string; kind: string; summary: string }[];
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
    timeline { at kind summary }
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

export const CASE_DETAIL = operation<
  {
    caseByTicket:
      | (TrackedCase & {
          dueAt: string | null;
          sla: { state: SlaState; remainingMinutes: number } | null;
          timeline: { at: string; kind: string; summary: string; visibility: string }[];
        })
      | null;
  },
  { ticketNumber: string }
>(`query CaseDetail($ticketNumber: String!) {
  caseByTicket(ticketNumber: $ticketNumber) {
    ticketNumber status createdAt closedAt description dueAt
    service { name }
    sla { state remainingMinutes }
    location { latitude longitude address }
    timeline { at kind summary visibility }
    children { ticketNumber status }
    parent { ticketNumber status }
    duplicateOf { ticketNumber status }
  }
}`);

export const CHANGE_STATUS = operation<
  { changeCaseStatus: { ticketNumber: string; status: CaseStatus } },
  { input: { ticketNumber: string; status: CaseStatus; publicNote?: string } }
>(`mutation ChangeStatus($input: ChangeCaseStatusInput!) {
  changeCaseStatus(input: $input) { ticketNumber status }
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
