/** The graph operations behind Open311, in one place. */

export const API_CLIENT_BY_KEY = `query Open311ApiClient($key: String!) { apiClientByKey(key: $key) { id name } }`;

const SERVICE_FIELDS = 'code name description group keywords type';
const ATTRIBUTE_FIELDS =
  'variable code datatype required datatypeDescription order description values { key name }';

export const SERVICES = `query Open311Services { services { ${SERVICE_FIELDS} } }`;
export const SERVICES_WITH_ATTRIBUTES = `query Open311ServicesWithAttributes { services { ${SERVICE_FIELDS} attributes { code } } }`;
export const SERVICE = `query Open311Service($code: String!) { service(code: $code) { code } }`;
export const SERVICE_WITH_ATTRIBUTES = `query Open311ServiceWithAttributes($code: String!) { service(code: $code) { code attributes { ${ATTRIBUTE_FIELDS} } } }`;

export const SUBMIT = `mutation Open311Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber submissionId serviceNotice }
}`;

export const REQUEST_TOKEN = `query Open311Token($token: String!) { requestToken(token: $token) { token ticketNumber } }`;

export const SERVICE_REQUESTS = `query Open311Requests($filter: ServiceRequestFilterInput) {
  serviceRequests(filter: $filter) {
    ticketNumber status createdAt updatedAt closedAt dueAt description channel mediaUrl district
    location { latitude longitude address addressId }
    duplicateOf { ticketNumber }
    followers
    parent { ticketNumber }
    children { ticketNumber }
    service { code name }
    department { name }
    attributes { code values }
    timeline { at kind summary }
  }
}`;

export const SERVICE_REQUEST_UPDATES = `query Open311Updates($filter: ServiceRequestUpdateFilterInput) {
  serviceRequestUpdates(filter: $filter) { id ticketNumber at kind summary status }
}`;

export const COMMENT = `mutation Open311Comment($input: CommentOnServiceRequestInput!) {
  commentOnServiceRequest(input: $input) { id ticketNumber at kind summary status }
}`;

export const REOPEN = `mutation Open311Reopen($input: ReopenServiceRequestInput!) {
  reopenServiceRequest(input: $input) { id ticketNumber at kind summary status }
}`;
