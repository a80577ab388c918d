import { describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import { discoverOperations } from './operations.js';

const operations = await discoverOperations();

/**
 * Mutations admins or supervisors may call that change configuration: each records an
 * `admin-change-recorded` event in its transaction (docs/adr/0092), shown by its service's spec.
 */
const RECORDED = [
  'createService',
  'updateService',
  'setServiceAttributes',
  'setDepartmentCalendar',
  'setDepartmentEscalationEmail',
  'saveQueue',
  'saveDistrict',
  'saveBusinessCalendar',
  'saveRoutingRule',
  'deleteRoutingRule',
  'moveRoutingRule',
  'saveStaffMember',
  'createApiKey',
  'revokeApiKey',
  'mergeCitizens',
  'unmergeCitizens',
  'resolvePossibleMatch',
];

/** The others, and why they are not configuration (each has its own record). */
const NOT_CONFIGURATION: Record<string, string> = {
  addCaseNote: 'case work: the timeline',
  assignCase: 'case work: the timeline',
  changeCaseStatus: 'case work: the timeline',
  claimCase: 'case work: the timeline',
  commentOnServiceRequest: 'case work: the timeline',
  logInteraction: 'case work: the timeline',
  markCaseDuplicate: 'case work: the timeline',
  rejectPossibleDuplicate: 'case work: the timeline',
  reopenServiceRequest: 'case work: the timeline',
  splitCase: 'case work: the timeline',
  unassignCase: 'case work: the timeline',
  importLegacyRecords: 'history: the import result and its events',
  retryEmailReply: 'operations: the reply is its own record',
  setConsent: "a resident's consent: its own history",
  eraseCitizen: "a resident's right: the erasure record",
  linkLogin: "a resident's sign-in: the code they read out",
  sendLoginLinkCode: "a resident's sign-in: the code sent",
  requestLoginLink: "a resident's sign-in: the request record",
  decideLoginLink: "a resident's sign-in: the request record, with who decided",
};

describe('configuration changes that reach the admin change log', () => {
  it('names every mutation of admins or supervisors as recorded or not configuration', () => {
    const staffMutations = operations
      .filter((op) => op.type === 'Mutation' && op.access?.kind === 'roles')
      .filter(
        (op) =>
          op.access?.kind === 'roles' &&
          (op.access.roles.includes(Role.Admin) || op.access.roles.includes(Role.Supervisor)),
      )
      .map((op) => op.name);
    const undecided = staffMutations.filter(
      (name) => !RECORDED.includes(name) && !(name in NOT_CONFIGURATION),
    );
    // A new one: record it (AdminChangeRecorder) or say here why it is not configuration.
    expect(undecided).toEqual([]);
    // And neither list names one that is gone.
    expect(
      [...RECORDED, ...Object.keys(NOT_CONFIGURATION)].filter(
        (name) => !staffMutations.includes(name),
      ),
    ).toEqual([]);
  });
});
