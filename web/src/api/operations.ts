/**
 * The GraphQL operations the app sends. Each document is a `/* GraphQL *\/` string; its result and
 * variables types are generated from it and the committed supergraph's API schema by GraphQL Code
 * Generator into `@civitas-web/graphql-types` (`npm run codegen`, docs/adr/0095), so an operation
 * naming a field the schema lacks, or a page reading one the operation does not ask for, fails
 * `tsc`. To add an operation: write it here with `operation<G.NameQuery, G.NameQueryVariables>`,
 * run `npm run codegen`, commit both. Fragments are spread by name and their text appended.
 */
import type * as G from '@civitas-web/graphql-types';
import { operation } from './client';

/** One element of a list type. */
type Item<T> = T extends readonly (infer I)[] ? I : never;

// The schema's enums and inputs, as generated.
export type {
  AttributeDatatype,
  CaseStatus,
  Channel,
  ConsentChannel,
  ConsentPurpose,
  ContactPointInput,
  ContactPointKind,
  Priority,
  QueueAssignment,
  SaveRoutingRuleInput,
  SlaState,
  SubmitServiceRequestInput,
} from '@civitas-web/graphql-types';

/** The channels staff enter a request or an interaction for (a caller, a visitor, a letter). */
export type StaffEntryChannel = Extract<G.Channel, 'PHONE' | 'WALK_IN' | 'LETTER'>;

// What the pages hold, named after the operations that read them.
export type CatalogService = Item<G.CatalogQuery['services']>;
export type ServiceQuestion = Item<CatalogService['attributes']>;
export type TrackedCase = NonNullable<G.TrackQuery['caseByTicket']>;
export type WorklistCase = Item<G.WorklistQuery['worklist']['nodes']>;
export type StaffCase = NonNullable<G.CaseDetailQuery['caseByTicket']>;
export type StaffMember = Item<G.StaffDirectoryQuery['staff']>;
export type CitizenFound = G.CitizenFieldsFragment;
export type CitizenView = NonNullable<G.Citizen360Query['citizen']>;
export type DashboardFilter = NonNullable<G.DashboardFiguresQueryVariables['filter']>;
export type DayFigures = Item<G.DashboardFiguresQuery['days']>;
export type BacklogDay = Item<G.DashboardFiguresQuery['backlog']>;
export type DemandCell = Item<G.DashboardFiguresQuery['demandByHour']>;
export type HotSpot = Item<G.DashboardFiguresQuery['hotSpots']>;
export type OverdueCase = Item<G.OverdueCasesQuery['overdueCases']>;
export type StaffWorkload = Item<G.WorkloadQuery['workload']>;
export type RoutingRule = Item<G.RoutingRulesQuery['routingRules']>;
export type RoutingRuleVersion = Item<G.RoutingRuleHistoryQuery['routingRuleHistory']>;
export type RoutingPreview = G.PreviewRoutingQuery['previewRouting'];
export type NotificationDelivery = Item<G.FailedNotificationsQuery['failedNotifications']>;
export type EmailReply = Item<G.FailedEmailRepliesQuery['failedEmailReplies']['nodes']>;
export type ResidentProfile = G.ProfileFieldsFragment;
/** One of the resident's own requests (docs/adr/0096). */
export type MyRequest = Item<G.MyRequestsQuery['myRequests']['nodes']>;
export type AdminService = G.AdminServiceFieldsFragment;
export type District = Item<G.AllDistrictsQuery['districts']>;
export type AdminStaffMember = G.StaffFieldsFragment;
export type AdminQueue = Item<G.DepartmentQueuesQuery['queues']>;
export type ApiKey = G.ApiKeyFieldsFragment;
export type AuditEntry = Item<G.AuditLogQuery['auditLog']>;
export type AuditFilter = Omit<G.AuditLogQueryVariables, 'first'>;
export type AdminChange = Item<G.AdminChangeLogQuery['adminChangeLog']>;
export type AdminFieldChange = Item<AdminChange['changes']>;
export type AdminChangeFilter = Omit<G.AdminChangeLogQueryVariables, 'first'>;

export const CATALOG = operation<G.CatalogQuery, G.CatalogQueryVariables>(/* GraphQL */ `
  query Catalog {
    services {
      code
      name
      description
      group
      keywords
      attributes {
        code
        variable
        datatype
        required
        description
        datatypeDescription
        order
        values {
          key
          name
        }
      }
    }
    districts {
      code
      name
      geometry
    }
  }
`);

export const SUBMIT = operation<G.SubmitMutation, G.SubmitMutationVariables>(/* GraphQL */ `
  mutation Submit($input: SubmitServiceRequestInput!) {
    submitServiceRequest(input: $input) {
      ticketNumber
      serviceNotice
      emergency
    }
  }
`);

export const TRACK = operation<G.TrackQuery, G.TrackQueryVariables>(/* GraphQL */ `
  query Track($ticketNumber: String!) {
    caseByTicket(ticketNumber: $ticketNumber) {
      ticketNumber
      status
      createdAt
      closedAt
      description
      service {
        name
      }
      location {
        latitude
        longitude
        address
      }
      timeline {
        at
        kind
        summary
        visibility
      }
      children {
        ticketNumber
        status
      }
      parent {
        ticketNumber
        status
      }
      duplicateOf {
        ticketNumber
        status
      }
    }
    ticketStatus(ticketNumber: $ticketNumber) {
      status
    }
  }
`);

export const WORKLIST = operation<G.WorklistQuery, G.WorklistQueryVariables>(/* GraphQL */ `
  query Worklist($after: String) {
    worklist(sort: DUE_AT, first: 25, after: $after) {
      nodes {
        ticketNumber
        status
        dueAt
        service {
          name
        }
        sla {
          state
          remainingMinutes
        }
      }
      endCursor
      hasNextPage
    }
  }
`);

export const CASE_DETAIL = operation<G.CaseDetailQuery, G.CaseDetailQueryVariables>(/* GraphQL */ `
  query CaseDetail($ticketNumber: String!) {
    caseByTicket(ticketNumber: $ticketNumber) {
      ticketNumber
      status
      createdAt
      closedAt
      description
      dueAt
      channel
      followers
      service {
        name
      }
      sla {
        state
        remainingMinutes
      }
      location {
        latitude
        longitude
        address
      }
      timeline {
        at
        kind
        summary
        visibility
        author
      }
      children {
        ticketNumber
        status
      }
      parent {
        ticketNumber
        status
      }
      duplicateOf {
        ticketNumber
        status
      }
      possibleDuplicateOf {
        ticketNumber
        status
      }
      assignee {
        subject
        name
      }
      department {
        code
        name
      }
      reporter {
        id
      }
    }
  }
`);

export const CHANGE_STATUS = operation<G.ChangeStatusMutation, G.ChangeStatusMutationVariables>(
  /* GraphQL */ `
    mutation ChangeStatus($input: ChangeCaseStatusInput!) {
      changeCaseStatus(input: $input) {
        ticketNumber
        status
      }
    }
  `,
);

// --- Caseworker actions and the agent's pages (issue 13) ---------------------------------------

/** The case as the mutations below answer it: enough to say what changed. */
const CASE_AFTER = /* GraphQL */ `
  fragment CaseAfter on Case {
    ticketNumber
    status
    assignee {
      subject
      name
    }
  }
`;

export const CLAIM_CASE = operation<G.ClaimCaseMutation, G.ClaimCaseMutationVariables>(
  /* GraphQL */ `
    mutation ClaimCase($ticketNumber: String!) {
      claimCase(ticketNumber: $ticketNumber) {
        ...CaseAfter
      }
    }
    ${CASE_AFTER}
  `,
);

export const UNASSIGN_CASE = operation<G.UnassignCaseMutation, G.UnassignCaseMutationVariables>(
  /* GraphQL */ `
    mutation UnassignCase($ticketNumber: String!) {
      unassignCase(ticketNumber: $ticketNumber) {
        ...CaseAfter
      }
    }
    ${CASE_AFTER}
  `,
);

export const ASSIGN_CASE = operation<G.AssignCaseMutation, G.AssignCaseMutationVariables>(
  /* GraphQL */ `
    mutation AssignCase($input: AssignCaseInput!) {
      assignCase(input: $input) {
        ...CaseAfter
      }
    }
    ${CASE_AFTER}
  `,
);

/** The staff directory (supervisors: their departments' people; admins: everyone). */
export const STAFF_DIRECTORY = operation<G.StaffDirectoryQuery, G.StaffDirectoryQueryVariables>(
  /* GraphQL */ `
    query StaffDirectory {
      staff {
        subject
        name
        departmentCodes
        active
      }
    }
  `,
);

export const ADD_NOTE = operation<G.AddCaseNoteMutation, G.AddCaseNoteMutationVariables>(
  /* GraphQL */ `
    mutation AddCaseNote($input: AddCaseNoteInput!) {
      addCaseNote(input: $input) {
        ...CaseAfter
      }
    }
    ${CASE_AFTER}
  `,
);

export const MARK_DUPLICATE = operation<
  G.MarkCaseDuplicateMutation,
  G.MarkCaseDuplicateMutationVariables
>(/* GraphQL */ `
  mutation MarkCaseDuplicate($input: MarkCaseDuplicateInput!) {
    markCaseDuplicate(input: $input) {
      ...CaseAfter
    }
  }
  ${CASE_AFTER}
`);

export const REJECT_POSSIBLE_DUPLICATE = operation<
  G.RejectPossibleDuplicateMutation,
  G.RejectPossibleDuplicateMutationVariables
>(/* GraphQL */ `
  mutation RejectPossibleDuplicate($ticketNumber: String!) {
    rejectPossibleDuplicate(ticketNumber: $ticketNumber) {
      ...CaseAfter
    }
  }
  ${CASE_AFTER}
`);

export const SPLIT_CASE = operation<G.SplitCaseMutation, G.SplitCaseMutationVariables>(
  /* GraphQL */ `
    mutation SplitCase($input: SplitCaseInput!) {
      splitCase(input: $input) {
        ...CaseAfter
      }
    }
    ${CASE_AFTER}
  `,
);

/** The services a part of a split case may be given. */
export const SERVICES = operation<G.ServicesQuery, G.ServicesQueryVariables>(/* GraphQL */ `
  query Services {
    services {
      code
      name
      group
    }
  }
`);

export const LOG_INTERACTION = operation<
  G.LogInteractionMutation,
  G.LogInteractionMutationVariables
>(/* GraphQL */ `
  mutation LogInteraction($input: LogInteractionInput!) {
    logInteraction(input: $input) {
      id
      ticketNumber
      channel
    }
  }
`);

const CITIZEN_FIELDS = /* GraphQL */ `
  fragment CitizenFields on Citizen {
    id
    kind
    firstName
    lastName
    organisationName
    email
    phone
  }
`;

/** Name (typos tolerated), e-mail, phone or address; every read is audited with `purpose`. */
export const SEARCH_CITIZENS = operation<G.SearchCitizensQuery, G.SearchCitizensQueryVariables>(
  /* GraphQL */ `
    query SearchCitizens($query: String!, $purpose: String) {
      searchCitizens(query: $query, purpose: $purpose, first: 20) {
        ...CitizenFields
      }
    }
    ${CITIZEN_FIELDS}
  `,
);

/** The 360 view: who the resident is and their cases across departments. */
export const CITIZEN_360 = operation<G.Citizen360Query, G.Citizen360QueryVariables>(/* GraphQL */ `
  query Citizen360($id: ID!, $purpose: String) {
    citizen(id: $id, purpose: $purpose) {
      ...CitizenFields
      preferredLanguage
      mergedIntoId
      contactPoints {
        kind
        value
      }
      cases(first: 100) {
        ticketNumber
        status
        createdAt
        channel
        service {
          name
        }
        department {
          name
        }
      }
    }
  }
  ${CITIZEN_FIELDS}
`);

// ---- Supervisor dashboard (issue 13): figures from analytics, overdue cases, team workload ----

const FIGURES = /* GraphQL */ `
  fragment Figures on CaseStatsRow {
    received
    closed
    slaMet
    slaMissed
    slaMetPercent
    overdueNow
    satisfactionAverage
    satisfactionResponses
  }
`;

/** Everything the dashboard's charts show, in one request: the totals, each day, and the maps. */
export const DASHBOARD_FIGURES = operation<
  G.DashboardFiguresQuery,
  G.DashboardFiguresQueryVariables
>(/* GraphQL */ `
  query DashboardFigures($filter: CaseStatsFilter) {
    totals: caseStats(filter: $filter) {
      key {
        period
      }
      ...Figures
    }
    days: caseStats(filter: $filter, interval: DAY) {
      key {
        period
      }
      ...Figures
    }
    backlog(filter: $filter, interval: DAY) {
      period
      endsOn
      open
      overdue
    }
    demandByHour(filter: $filter) {
      dayOfWeek
      hour
      received
    }
    hotSpots(filter: $filter, top: 20) {
      latitude
      longitude
      received
      topServices
    }
    districts {
      code
      name
      geometry
    }
  }
  ${FIGURES}
`);

export const DEPARTMENTS = operation<G.DepartmentsQuery, G.DepartmentsQueryVariables>(
  /* GraphQL */ `
    query Departments {
      departments {
        code
        name
      }
    }
  `,
);

export const OVERDUE_CASES = operation<G.OverdueCasesQuery, G.OverdueCasesQueryVariables>(
  /* GraphQL */ `
    query OverdueCases($departmentCode: String, $first: Int!, $after: ID) {
      overdueCases(departmentCode: $departmentCode, first: $first, after: $after) {
        id
        ticketNumber
        status
        dueAt
        service {
          name
        }
        department {
          code
          name
        }
        assignee {
          subject
          name
        }
        sla {
          state
          remainingMinutes
        }
      }
    }
  `,
);

export const WORKLOAD = operation<G.WorkloadQuery, G.WorkloadQueryVariables>(/* GraphQL */ `
  query Workload($departmentCode: String!) {
    workload(departmentCode: $departmentCode) {
      subject
      name
      active
      capacity
      open
      atRisk
      overdue
    }
  }
`);

// ---- Supervisor: routing rules with preview, failed messages (issue 13) ----

const RULE_WHEN = /* GraphQL */ `
  fragment RuleWhen on RoutingRuleWhen {
    serviceCodes
    districtCodes
    channels
    keywords
    emergency
    attribute {
      code
      equals
    }
  }
`;
const RULE_THEN = /* GraphQL */ `
  fragment RuleThen on RoutingRuleThen {
    departmentCode
    queueCode
    priority
    slaHours
  }
`;

export const ROUTING_RULES = operation<G.RoutingRulesQuery, G.RoutingRulesQueryVariables>(
  /* GraphQL */ `
    query RoutingRules {
      routingRules {
        id
        version
        updatedBy
        updatedAt
        name
        position
        enabled
        when {
          ...RuleWhen
        }
        then {
          ...RuleThen
        }
      }
      services {
        code
        name
      }
      departments {
        code
        name
      }
      districts {
        code
        name
      }
    }
    ${RULE_WHEN}
    ${RULE_THEN}
  `,
);

export const QUEUES = operation<G.QueuesQuery, G.QueuesQueryVariables>(/* GraphQL */ `
  query Queues($departmentCode: String!) {
    queues(departmentCode: $departmentCode) {
      code
      name
    }
  }
`);

export const SAVE_ROUTING_RULE = operation<
  G.SaveRoutingRuleMutation,
  G.SaveRoutingRuleMutationVariables
>(/* GraphQL */ `
  mutation SaveRoutingRule($input: SaveRoutingRuleInput!) {
    saveRoutingRule(input: $input) {
      id
      version
      updatedBy
      updatedAt
      name
      position
      enabled
      when {
        ...RuleWhen
      }
      then {
        ...RuleThen
      }
    }
  }
  ${RULE_WHEN}
  ${RULE_THEN}
`);

export const DELETE_ROUTING_RULE = operation<
  G.DeleteRoutingRuleMutation,
  G.DeleteRoutingRuleMutationVariables
>(/* GraphQL */ `
  mutation DeleteRoutingRule($id: ID!) {
    deleteRoutingRule(id: $id)
  }
`);

export const ROUTING_RULE_HISTORY = operation<
  G.RoutingRuleHistoryQuery,
  G.RoutingRuleHistoryQueryVariables
>(/* GraphQL */ `
  query RoutingRuleHistory($id: ID!) {
    routingRuleHistory(id: $id) {
      version
      change
      changedBy
      changedAt
      name
      position
      enabled
      when {
        ...RuleWhen
      }
      then {
        ...RuleThen
      }
    }
  }
  ${RULE_WHEN}
  ${RULE_THEN}
`);

export const PREVIEW_ROUTING = operation<G.PreviewRoutingQuery, G.PreviewRoutingQueryVariables>(
  /* GraphQL */ `
    query PreviewRouting($input: PreviewRoutingInput!) {
      previewRouting(input: $input) {
        departmentCode
        queueCode
        priority
        slaHours
        dueAt
        district
        ruleId
        ruleName
      }
    }
  `,
);

export const FAILED_NOTIFICATIONS = operation<
  G.FailedNotificationsQuery,
  G.FailedNotificationsQueryVariables
>(/* GraphQL */ `
  query FailedNotifications($first: Int!) {
    failedNotifications(first: $first) {
      id
      caseId
      departmentCode
      channel
      template
      language
      status
      attempts
      lastError
      updatedAt
      createdAt
    }
  }
`);

export const FAILED_EMAIL_REPLIES = operation<
  G.FailedEmailRepliesQuery,
  G.FailedEmailRepliesQueryVariables
>(/* GraphQL */ `
  query FailedEmailReplies($first: Int!, $after: String) {
    failedEmailReplies(first: $first, after: $after) {
      nodes {
        id
        ticketNumber
        status
        attempts
        lastError
        failedAt
        createdAt
        retryableUntil
      }
      endCursor
    }
  }
`);

export const RETRY_EMAIL_REPLY = operation<
  G.RetryEmailReplyMutation,
  G.RetryEmailReplyMutationVariables
>(/* GraphQL */ `
  mutation RetryEmailReply($id: ID!) {
    retryEmailReply(id: $id) {
      id
      ticketNumber
      status
      attempts
      lastError
      failedAt
      createdAt
      retryableUntil
    }
  }
`);

export const CASE_TICKET = operation<G.CaseTicketQuery, G.CaseTicketQueryVariables>(/* GraphQL */ `
  query CaseTicket($id: ID!) {
    case(id: $id) {
      ticketNumber
    }
  }
`);
// --- The signed-in resident's own pages and the closure survey (issue 13, docs/adr/0085) -------

const PROFILE_FIELDS = /* GraphQL */ `
  fragment ProfileFields on ResidentProfile {
    id
    kind
    firstName
    lastName
    organisationName
    email
    phone
    preferredLanguage
    contactPoints {
      kind
      value
      addedAt
    }
    unverifiedContactPoints {
      kind
      value
      addedAt
      codeExpiresAt
    }
    consents {
      channel
      purpose
      granted
      source
      updatedAt
    }
  }
`;

export const ME = operation<G.MeQuery, G.MeQueryVariables>(/* GraphQL */ `
  query Me {
    me {
      ...ProfileFields
    }
  }
  ${PROFILE_FIELDS}
`);

export const UPDATE_MY_PROFILE = operation<
  G.UpdateMyProfileMutation,
  G.UpdateMyProfileMutationVariables
>(/* GraphQL */ `
  mutation UpdateMyProfile($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) {
      ...ProfileFields
    }
  }
  ${PROFILE_FIELDS}
`);

export const VERIFY_MY_CONTACT_POINT = operation<
  G.VerifyMyContactPointMutation,
  G.VerifyMyContactPointMutationVariables
>(/* GraphQL */ `
  mutation VerifyMyContactPoint($input: VerifyContactPointInput!) {
    verifyMyContactPoint(input: $input) {
      ...ProfileFields
    }
  }
  ${PROFILE_FIELDS}
`);

export const RESEND_CONTACT_POINT_CODE = operation<
  G.ResendContactPointCodeMutation,
  G.ResendContactPointCodeMutationVariables
>(/* GraphQL */ `
  mutation ResendContactPointCode($input: ContactPointInput!) {
    resendContactPointCode(input: $input) {
      ...ProfileFields
    }
  }
  ${PROFILE_FIELDS}
`);

/** A signed-in resident's own answer (no citizenId: the API records it as SELF_SERVICE). */
export const SET_MY_CONSENT = operation<G.SetMyConsentMutation, G.SetMyConsentMutationVariables>(
  /* GraphQL */ `
    mutation SetMyConsent($input: SetConsentInput!) {
      setConsent(input: $input) {
        channel
        purpose
        granted
      }
    }
  `,
);

/** Everything held about the resident, gathered from citizens, intake and cases (audited). */
export const REQUEST_MY_DATA = operation<G.RequestMyDataQuery, G.RequestMyDataQueryVariables>(
  /* GraphQL */ `
    query RequestMyData {
      requestMyData
    }
  `,
);

/** The resident's own requests, newest first, a page at a time (audited, not as an export). */
export const MY_REQUESTS = operation<G.MyRequestsQuery, G.MyRequestsQueryVariables>(/* GraphQL */ `
  query MyRequests($first: Int, $after: String) {
    myRequests(first: $first, after: $after) {
      nodes {
        ticketNumber
        service {
          code
          name
        }
        status
        receivedAt
        changedAt
        closedAt
      }
      endCursor
      hasNextPage
      signInLinked
    }
  }
`);

export const ERASE_ME = operation<G.EraseMeMutation, G.EraseMeMutationVariables>(/* GraphQL */ `
  mutation EraseMe {
    eraseMe {
      citizenId
      erasedAt
    }
  }
`);

/** The closure survey's answer: anonymous, the link's token is the credential (docs/adr/0060). */
export const SUBMIT_SATISFACTION = operation<
  G.SubmitSatisfactionMutation,
  G.SubmitSatisfactionMutationVariables
>(/* GraphQL */ `
  mutation SubmitSatisfaction($input: SubmitSatisfactionInput!) {
    submitSatisfaction(input: $input) {
      ticketNumber
      score
      at
    }
  }
`);

// --- The admin's pages (issue 13, docs/adr/0088): catalog, districts, staff, queues, keys, audit ---

const ADMIN_SERVICE_FIELDS = /* GraphQL */ `
  fragment AdminServiceFields on Service {
    code
    name
    description
    group
    keywords
    slaHours
    active
    department {
      code
      name
    }
    attributes {
      code
      variable
      datatype
      required
      description
      datatypeDescription
      order
      values {
        key
        name
      }
    }
  }
`;

/** The whole catalog, inactive services included, and the departments a service may belong to. */
export const ADMIN_CATALOG = operation<G.AdminCatalogQuery, G.AdminCatalogQueryVariables>(
  /* GraphQL */ `
    query AdminCatalog {
      services(includeInactive: true) {
        ...AdminServiceFields
      }
      departments {
        code
        name
      }
    }
    ${ADMIN_SERVICE_FIELDS}
  `,
);

export const CREATE_SERVICE = operation<G.CreateServiceMutation, G.CreateServiceMutationVariables>(
  /* GraphQL */ `
    mutation CreateService($input: CreateServiceInput!) {
      createService(input: $input) {
        ...AdminServiceFields
      }
    }
    ${ADMIN_SERVICE_FIELDS}
  `,
);

export const UPDATE_SERVICE = operation<G.UpdateServiceMutation, G.UpdateServiceMutationVariables>(
  /* GraphQL */ `
    mutation UpdateService($code: String!, $input: UpdateServiceInput!) {
      updateService(code: $code, input: $input) {
        ...AdminServiceFields
      }
    }
    ${ADMIN_SERVICE_FIELDS}
  `,
);

export const SET_SERVICE_ATTRIBUTES = operation<
  G.SetServiceAttributesMutation,
  G.SetServiceAttributesMutationVariables
>(/* GraphQL */ `
  mutation SetServiceAttributes($serviceCode: String!, $attributes: [ServiceAttributeInput!]!) {
    setServiceAttributes(serviceCode: $serviceCode, attributes: $attributes) {
      ...AdminServiceFields
    }
  }
  ${ADMIN_SERVICE_FIELDS}
`);

/** Every district, inactive ones too (the admin's list, to bring one back). */
export const ALL_DISTRICTS = operation<G.AllDistrictsQuery, G.AllDistrictsQueryVariables>(
  /* GraphQL */ `
    query AllDistricts {
      districts(includeInactive: true) {
        code
        name
        active
        geometry
      }
    }
  `,
);

export const SAVE_DISTRICT = operation<G.SaveDistrictMutation, G.SaveDistrictMutationVariables>(
  /* GraphQL */ `
    mutation SaveDistrict($input: SaveDistrictInput!) {
      saveDistrict(input: $input) {
        code
        name
        active
        geometry
      }
    }
  `,
);

const STAFF_FIELDS = /* GraphQL */ `
  fragment StaffFields on StaffMember {
    subject
    name
    email
    departmentCodes
    queueCodes
    capacity
    active
  }
`;

export const ADMIN_STAFF = operation<G.AdminStaffQuery, G.AdminStaffQueryVariables>(/* GraphQL */ `
  query AdminStaff {
    staff {
      ...StaffFields
    }
    departments {
      code
      name
    }
  }
  ${STAFF_FIELDS}
`);

export const SAVE_STAFF_MEMBER = operation<
  G.SaveStaffMemberMutation,
  G.SaveStaffMemberMutationVariables
>(/* GraphQL */ `
  mutation SaveStaffMember($input: SaveStaffMemberInput!) {
    saveStaffMember(input: $input) {
      ...StaffFields
    }
  }
  ${STAFF_FIELDS}
`);

export const DEPARTMENT_QUEUES = operation<
  G.DepartmentQueuesQuery,
  G.DepartmentQueuesQueryVariables
>(/* GraphQL */ `
  query DepartmentQueues($departmentCode: String!) {
    queues(departmentCode: $departmentCode) {
      code
      name
      departmentCode
      priority
      assignment
    }
  }
`);

export const SAVE_QUEUE = operation<G.SaveQueueMutation, G.SaveQueueMutationVariables>(
  /* GraphQL */ `
    mutation SaveQueue($input: SaveQueueInput!) {
      saveQueue(input: $input) {
        code
        name
        departmentCode
        priority
        assignment
      }
    }
  `,
);

const API_KEY_FIELDS = /* GraphQL */ `
  fragment ApiKeyFields on ApiKey {
    id
    name
    prefix
    createdAt
    revokedAt
  }
`;

export const API_KEYS = operation<G.ApiKeysQuery, G.ApiKeysQueryVariables>(/* GraphQL */ `
  query ApiKeys {
    apiKeys {
      ...ApiKeyFields
    }
  }
  ${API_KEY_FIELDS}
`);

export const CREATE_API_KEY = operation<G.CreateApiKeyMutation, G.CreateApiKeyMutationVariables>(
  /* GraphQL */ `
    mutation CreateApiKey($input: CreateApiKeyInput!) {
      createApiKey(input: $input) {
        key
        apiKey {
          ...ApiKeyFields
        }
      }
    }
    ${API_KEY_FIELDS}
  `,
);

export const REVOKE_API_KEY = operation<G.RevokeApiKeyMutation, G.RevokeApiKeyMutationVariables>(
  /* GraphQL */ `
    mutation RevokeApiKey($id: ID!) {
      revokeApiKey(id: $id) {
        ...ApiKeyFields
      }
    }
    ${API_KEY_FIELDS}
  `,
);

export const AUDIT_LOG = operation<G.AuditLogQuery, G.AuditLogQueryVariables>(/* GraphQL */ `
  query AuditLog($citizenId: ID, $actorSub: String, $since: DateTime, $first: Int!) {
    auditLog(citizenId: $citizenId, actorSub: $actorSub, since: $since, first: $first) {
      id
      at
      actorSub
      actorRoles
      citizenId
      fields
      purpose
      outcome
      occurrences
    }
  }
`);

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

export const ADMIN_CHANGE_LOG = operation<G.AdminChangeLogQuery, G.AdminChangeLogQueryVariables>(
  /* GraphQL */ `
    query AdminChangeLog($kind: String, $actorSub: String, $since: DateTime, $first: Int!) {
      adminChangeLog(kind: $kind, actorSub: $actorSub, since: $since, first: $first) {
        id
        at
        service
        actorSub
        actorRoles
        kind
        entityId
        action
        changes {
          field
          before
          after
          withheld
        }
      }
    }
  `,
);
