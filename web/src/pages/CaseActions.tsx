import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api/client';
import {
  ADD_NOTE,
  ASSIGN_CASE,
  CHANGE_STATUS,
  CLAIM_CASE,
  LOG_INTERACTION,
  MARK_DUPLICATE,
  REJECT_POSSIBLE_DUPLICATE,
  SERVICES,
  SPLIT_CASE,
  STAFF_DIRECTORY,
  UNASSIGN_CASE,
  type CaseStatus,
  type StaffCase,
  type StaffEntryChannel,
  type StaffMember,
} from '../api/operations';
import { ErrorSummary, errorText, type SummaryItem } from '../components/ErrorSummary';
import { Field } from '../components/Field';
import { useAction } from '../components/useAction';
import { Link } from '../router';
import type { Session } from '../session';
import { TicketNumber, withWholeTickets } from '../components/TicketNumber';

/** Who may do what, as the cases service's resolvers allow it (their @Roles). */
const TAKERS = ['caseworker', 'supervisor', 'admin'];
const GIVERS = ['supervisor', 'admin'];
const NOTE_WRITERS = ['agent', 'caseworker', 'supervisor', 'admin'];
const SPLITTERS = ['agent', 'caseworker', 'supervisor'];
const CALL_LOGGERS = ['agent', 'caseworker', 'supervisor', 'admin'];
const STATUSES: CaseStatus[] = ['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED'];
const CALL_CHANNELS: StaffEntryChannel[] = ['PHONE', 'WALK_IN', 'LETTER'];

interface ActionProps {
  found: StaffCase;
  session: Session;
  /** After a change made by the form `by`: reads the case again. */
  onChanged: (by: string) => void;
  /**
   * What a form did, to show while its change is the case's latest from this page: after another
   * form's change, an earlier confirmation would read as the case's current news.
   */
  doneOf: (form: string, done: string | null) => string | null;
}

/** A form for one action: its heading, its error summary, what it did, its fields, its button. */
function ActionForm({
  id,
  title,
  problems,
  done,
  busy,
  submit,
  onSubmit,
  children,
}: {
  id: string;
  /** Without one, the form is named by its button. */
  title?: string;
  problems: SummaryItem[];
  done: string | null;
  busy: boolean;
  submit: string;
  onSubmit: () => void;
  children?: ReactNode;
}) {
  return (
    <form
      className="action"
      aria-labelledby={title ? `${id}-title` : undefined}
      aria-label={title ? undefined : submit}
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {title && <h3 id={`${id}-title`}>{title}</h3>}
      <ErrorSummary items={problems} />
      {done && <p role="status">{withWholeTickets(done)}</p>}
      {children}
      <button type="submit" disabled={busy}>
        {submit}
      </button>
    </form>
  );
}

/** The actions the signed-in person's role allows on this case, each a form of its own. */
export function CaseActions({
  found,
  session,
  onChanged: reread,
}: {
  found: StaffCase;
  session: Session;
  /** Reads the case again after a change. */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const role = session.role;
  const open = found.status !== 'CLOSED';
  const [changedBy, setChangedBy] = useState<string | null>(null);
  const onChanged = (by: string) => {
    setChangedBy(by);
    reread();
  };
  const doneOf = (form: string, done: string | null) => (form === changedBy ? done : null);
  const props = { found, session, onChanged, doneOf };
  // The split form stays after its split, so its confirmation is still there to be read (the case
  // read again has children, which would otherwise take the form and its message away at once).
  const [splitHere, setSplitHere] = useState(false);
  return (
    <section aria-labelledby="actions-title" className="case-actions">
      <h2 id="actions-title">{t('casework.actions')}</h2>
      {open && TAKERS.includes(role) && <Assignment {...props} />}
      {open && GIVERS.includes(role) && found.department && <AssignForm {...props} />}
      {TAKERS.includes(role) && <StatusForm {...props} />}
      {NOTE_WRITERS.includes(role) && <NoteForm {...props} />}
      {CALL_LOGGERS.includes(role) && <LogCallForm {...props} />}
      {open && TAKERS.includes(role) && <DuplicateForms {...props} />}
      {open &&
        SPLITTERS.includes(role) &&
        !found.parent &&
        (found.children.length === 0 || splitHere) && (
          <SplitForm
            {...props}
            onChanged={(by) => {
              setSplitHere(true);
              onChanged(by);
            }}
          />
        )}
    </section>
  );
}

/** Who works the case; claim it, or leave it unassigned. */
function Assignment({ found, session, onChanged, doneOf }: ActionProps) {
  const { t } = useTranslation();
  const claim = useAction(() => undefined);
  const unassign = useAction(() => undefined);
  const mine = found.assignee?.subject === session.sub;
  // Caseworkers may unassign their own cases only; supervisors and admins any.
  const mayUnassign = found.assignee && (mine || GIVERS.includes(session.role));
  return (
    <div className="action">
      <h3>{t('casework.assignmentTitle')}</h3>
      <p data-testid="assignee">
        {found.assignee
          ? t('casework.assignedTo', { name: found.assignee.name })
          : t('casework.unassigned')}
      </p>
      {/* A claim or an unassignment takes its own button away: its confirmation stays here. */}
      {mine && doneOf('claim', claim.done) && <p role="status">{claim.done}</p>}
      {!mayUnassign && doneOf('unassign', unassign.done) && <p role="status">{unassign.done}</p>}
      {!mine && (
        <ActionForm
          id="claim"
          problems={claim.problems}
          done={doneOf('claim', claim.done)}
          busy={claim.busy}
          submit={t('casework.claim')}
          onSubmit={() =>
            void claim
              .run(async () => {
                await request(CLAIM_CASE, { ticketNumber: found.ticketNumber });
                return t('casework.claimed');
              })
              .then((ok) => ok && onChanged('claim'))
          }
        />
      )}
      {mayUnassign && (
        <ActionForm
          id="unassign"
          problems={unassign.problems}
          done={doneOf('unassign', unassign.done)}
          busy={unassign.busy}
          submit={t('casework.unassign')}
          onSubmit={() =>
            void unassign
              .run(async () => {
                await request(UNASSIGN_CASE, { ticketNumber: found.ticketNumber });
                return t('casework.unassignedDone');
              })
              .then((ok) => ok && onChanged('unassign'))
          }
        />
      )}
    </div>
  );
}

/** Supervisors and admins: give the case to an active member of its department. */
function AssignForm({ found, onChanged, doneOf }: ActionProps) {
  const { t } = useTranslation();
  const department = found.department!;
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const action = useAction((field) => (field === 'assigneeSubject' ? 'assign-subject' : undefined));

  useEffect(() => {
    request(STAFF_DIRECTORY, {}).then(
      ({ staff: all }) =>
        setStaff(all.filter((s) => s.active && s.departmentCodes.includes(department.code))),
      (error: unknown) => setLoadError(errorText(error, t)),
    );
  }, [department.code, t]);

  return (
    <ActionForm
      id="assign"
      title={t('casework.assignTitle')}
      problems={action.problems}
      done={doneOf('assign', action.done)}
      busy={action.busy}
      submit={t('casework.assign')}
      onSubmit={() =>
        void action
          .run(async () => {
            const { assignCase } = await request(ASSIGN_CASE, {
              input: { ticketNumber: found.ticketNumber, assigneeSubject: subject },
            });
            return t('casework.assignedDone', { name: assignCase.assignee?.name ?? subject });
          })
          .then((ok) => ok && onChanged('assign'))
      }
    >
      {loadError && <p className="error-text">{loadError}</p>}
      {staff?.length === 0 && <p>{t('casework.noStaff')}</p>}
      <Field
        id="assign-subject"
        label={t('casework.assignee', { department: department.name })}
        error={action.errorFor('assign-subject')}
      >
        {(p) => (
          <select {...p} value={subject} onChange={(e) => setSubject(e.target.value)}>
            <option value="">{t('casework.choose')}</option>
            {(staff ?? []).map((s) => (
              <option key={s.subject} value={s.subject}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </ActionForm>
  );
}

/** A status change, with a note for the resident and one for staff. */
function StatusForm({ found, onChanged, doneOf }: ActionProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CaseStatus>(
    found.status === 'CLOSED' ? 'OPEN' : found.status === 'OPEN' ? 'IN_PROGRESS' : 'CLOSED',
  );
  const [publicNote, setPublicNote] = useState('');
  const [note, setNote] = useState('');
  const ids: Record<string, string> = {
    status: 'status-new',
    publicNote: 'status-public-note',
    note: 'status-note',
  };
  const action = useAction((field) => ids[field]);
  return (
    <ActionForm
      id="status"
      title={t('casework.statusTitle')}
      problems={action.problems}
      done={doneOf('status', action.done)}
      busy={action.busy}
      submit={t('casework.saveStatus')}
      onSubmit={() =>
        void action
          .run(async () => {
            const { changeCaseStatus } = await request(CHANGE_STATUS, {
              input: {
                ticketNumber: found.ticketNumber,
                status,
                publicNote: publicNote.trim() || undefined,
                note: note.trim() || undefined,
              },
            });
            setPublicNote('');
            setNote('');
            return t('casework.statusSaved', { status: t(`status.${changeCaseStatus.status}`) });
          })
          .then((ok) => ok && onChanged('status'))
      }
    >
      <Field id="status-new" label={t('casework.newStatus')} error={action.errorFor('status-new')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.target.value as CaseStatus)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="status-public-note"
        label={t('casework.publicNote')}
        hint={t('casework.publicNoteHint')}
        error={action.errorFor('status-public-note')}
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={publicNote}
            onChange={(e) => setPublicNote(e.target.value)}
          />
        )}
      </Field>
      <Field
        id="status-note"
        label={t('casework.internalNote')}
        error={action.errorFor('status-note')}
      >
        {(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}

/** Visibility as a radio group: who reads what is written. */
function VisibilityChoice({
  name,
  value,
  onChange,
}: {
  name: string;
  value: 'PUBLIC' | 'INTERNAL';
  onChange: (v: 'PUBLIC' | 'INTERNAL') => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t('casework.whoSees')}</legend>
      {(['INTERNAL', 'PUBLIC'] as const).map((v) => (
        <div className="choice" key={v}>
          <input
            type="radio"
            name={name}
            id={`${name}-${v}`}
            checked={value === v}
            onChange={() => onChange(v)}
          />
          <label htmlFor={`${name}-${v}`}>{t(`casework.visibility.${v}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}

function NoteForm({ found, onChanged, doneOf }: ActionProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<'PUBLIC' | 'INTERNAL'>('INTERNAL');
  const action = useAction((field) => (field === 'text' ? 'note-text' : undefined));
  return (
    <ActionForm
      id="note"
      title={t('casework.noteTitle')}
      problems={action.problems}
      done={doneOf('note', action.done)}
      busy={action.busy}
      submit={t('casework.addNote')}
      onSubmit={() =>
        void action
          .run(async () => {
            await request(ADD_NOTE, {
              input: { ticketNumber: found.ticketNumber, text, public: visibility === 'PUBLIC' },
            });
            setText('');
            return t('casework.noteAdded');
          })
          .then((ok) => ok && onChanged('note'))
      }
    >
      <Field id="note-text" label={t('casework.noteText')} error={action.errorFor('note-text')}>
        {(p) => <textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <VisibilityChoice name="note-visibility" value={visibility} onChange={setVisibility} />
    </ActionForm>
  );
}

/** A call, visit or letter about this case, on its timeline. */
function LogCallForm({ found, onChanged, doneOf }: ActionProps) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<StaffEntryChannel>('PHONE');
  const [summary, setSummary] = useState('');
  const [visibility, setVisibility] = useState<'PUBLIC' | 'INTERNAL'>('INTERNAL');
  const ids: Record<string, string> = { channel: 'call-channel', summary: 'call-summary' };
  const action = useAction((field) => ids[field]);
  return (
    <ActionForm
      id="call"
      title={t('casework.callTitle')}
      problems={action.problems}
      done={doneOf('call', action.done)}
      busy={action.busy}
      submit={t('casework.logCall')}
      onSubmit={() =>
        void action
          .run(async () => {
            await request(LOG_INTERACTION, {
              input: {
                ticketNumber: found.ticketNumber,
                channel,
                summary,
                visibility,
                citizenId: found.reporter?.id,
              },
            });
            setSummary('');
            return t('casework.callLogged');
          })
          .then((ok) => ok && onChanged('call'))
      }
    >
      <Field
        id="call-channel"
        label={t('casework.callChannel')}
        error={action.errorFor('call-channel')}
      >
        {(p) => (
          <select
            {...p}
            value={channel}
            onChange={(e) => setChannel(e.target.value as StaffEntryChannel)}
          >
            {CALL_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channels.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="call-summary"
        label={t('casework.callSummary')}
        error={action.errorFor('call-summary')}
      >
        {(p) => (
          <textarea {...p} rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
        )}
      </Field>
      <VisibilityChoice name="call-visibility" value={visibility} onChange={setVisibility} />
    </ActionForm>
  );
}

/** Confirm or reject the possible duplicate intake found, or name the case this one repeats. */
function DuplicateForms({ found, onChanged, doneOf }: ActionProps) {
  const { t } = useTranslation();
  const [parent, setParent] = useState('');
  const mark = useAction((field) => (field === 'duplicateOf' ? 'duplicate-of' : undefined));
  const possible = useAction(() => undefined);
  const suspected = found.possibleDuplicateOf;

  const markAs = (ticket: string, action: typeof mark, form: string) =>
    void action
      .run(async () => {
        await request(MARK_DUPLICATE, {
          input: { ticketNumber: found.ticketNumber, duplicateOf: ticket },
        });
        return t('casework.markedDuplicate', { ticket });
      })
      .then((ok) => ok && onChanged(form));

  return (
    <div className="action">
      <h3>{t('casework.duplicateTitle')}</h3>
      {found.followers > 0 && <p>{t('casework.followers', { count: found.followers })}</p>}
      {/* Confirming or rejecting takes the suggestion away: its confirmation stays here. */}
      {!suspected && doneOf('possible', possible.done) && (
        <p role="status">{doneOf('possible', possible.done)}</p>
      )}
      {suspected && (
        <div className="notice" data-testid="possible-duplicate">
          <p>
            {t('casework.possibleDuplicate')}{' '}
            <Link href={`/work/${suspected.ticketNumber}`}>
              <TicketNumber value={suspected.ticketNumber} />
            </Link>
          </p>
          <ErrorSummary items={possible.problems} />
          {doneOf('possible', possible.done) && (
            <p role="status">{doneOf('possible', possible.done)}</p>
          )}
          <p className="actions">
            <button
              type="button"
              disabled={possible.busy}
              onClick={() => markAs(suspected.ticketNumber, possible, 'possible')}
            >
              {t('casework.confirmDuplicate')}
            </button>
            <button
              type="button"
              disabled={possible.busy}
              onClick={() =>
                void possible
                  .run(async () => {
                    await request(REJECT_POSSIBLE_DUPLICATE, { ticketNumber: found.ticketNumber });
                    return t('casework.rejected');
                  })
                  .then((ok) => ok && onChanged('possible'))
              }
            >
              {t('casework.rejectDuplicate')}
            </button>
          </p>
        </div>
      )}
      <ActionForm
        id="duplicate"
        problems={mark.problems}
        done={doneOf('duplicate', mark.done)}
        busy={mark.busy}
        submit={t('casework.markDuplicate')}
        onSubmit={() => markAs(parent.trim().toUpperCase(), mark, 'duplicate')}
      >
        <Field
          id="duplicate-of"
          label={t('casework.duplicateOf')}
          hint={t('casework.duplicateHint')}
          error={mark.errorFor('duplicate-of')}
        >
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              value={parent}
              onChange={(e) => setParent(e.target.value)}
            />
          )}
        </Field>
      </ActionForm>
    </div>
  );
}

interface Part {
  serviceCode: string;
  description: string;
}

/** One report about several problems: each part a case of its own, with its own service. */
function SplitForm({ found, onChanged, doneOf }: ActionProps) {
  const { t } = useTranslation();
  const [services, setServices] = useState<{ code: string; name: string; group: string }[]>([]);
  const [parts, setParts] = useState<Part[]>([
    { serviceCode: '', description: '' },
    { serviceCode: '', description: '' },
  ]);
  const action = useAction((field) => {
    const m = /^parts\.(\d+)\.(serviceCode|description)$/.exec(field);
    return m ? `part-${m[1]}-${m[2] === 'serviceCode' ? 'service' : 'description'}` : undefined;
  });
  useEffect(() => {
    request(SERVICES, {}).then(
      ({ services: all }) => setServices(all),
      (error: unknown) => action.setProblems([{ text: errorText(error, t) }]),
    );
  }, [t, action.setProblems]);
  const update = (index: number, change: Partial<Part>) =>
    setParts((all) => all.map((p, i) => (i === index ? { ...p, ...change } : p)));

  return (
    <ActionForm
      id="split"
      title={t('casework.splitTitle')}
      problems={action.problems}
      done={doneOf('split', action.done)}
      busy={action.busy}
      submit={t('casework.split')}
      onSubmit={() =>
        void action
          .run(async () => {
            await request(SPLIT_CASE, { input: { ticketNumber: found.ticketNumber, parts } });
            return t('casework.splitDone', { count: parts.length });
          })
          .then((ok) => ok && onChanged('split'))
      }
    >
      <p className="hint">{t('casework.splitHint')}</p>
      {parts.map((part, index) => (
        <fieldset key={index}>
          <legend>{t('casework.part', { number: index + 1 })}</legend>
          <Field
            id={`part-${index}-service`}
            label={t('casework.partService')}
            error={action.errorFor(`part-${index}-service`)}
          >
            {(p) => (
              <select
                {...p}
                value={part.serviceCode}
                onChange={(e) => update(index, { serviceCode: e.target.value })}
              >
                <option value="">{t('casework.choose')}</option>
                {services.map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.group}: {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={`part-${index}-description`}
            label={t('casework.partDescription')}
            error={action.errorFor(`part-${index}-description`)}
          >
            {(p) => (
              <textarea
                {...p}
                rows={2}
                value={part.description}
                onChange={(e) => update(index, { description: e.target.value })}
              />
            )}
          </Field>
          {parts.length > 1 && (
            <button
              type="button"
              className="secondary"
              onClick={() => setParts((all) => all.filter((_, i) => i !== index))}
            >
              {t('casework.removePart', { number: index + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      {parts.length < 10 && (
        <p>
          <button
            type="button"
            className="secondary"
            onClick={() => setParts((all) => [...all, { serviceCode: '', description: '' }])}
          >
            {t('casework.addPart')}
          </button>
        </p>
      )}
    </ActionForm>
  );
}
