import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import {
  ADMIN_STAFF,
  DEPARTMENT_QUEUES,
  SAVE_QUEUE,
  SAVE_STAFF_MEMBER,
  type AdminQueue,
  type AdminStaffMember,
  type QueueAssignment,
} from '../../api/operations';
import { DataList } from '../../components/DataList';
import { ErrorSummary, errorText } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Ticks } from '../../components/Ticks';
import { useAction } from '../../components/useAction';
import { AdminFrame, adminProblems, inputIdIn, wholeNumber } from './AdminFrame';

const ASSIGNMENTS: QueueAssignment[] = ['MANUAL', 'ROUND_ROBIN', 'LEAST_LOADED'];

interface StaffDraft {
  subject: string;
  name: string;
  email: string;
  departmentCodes: string[];
  queueCodes: string[];
  capacity: string;
  active: boolean;
}

const NEW_STAFF: StaffDraft = {
  subject: '',
  name: '',
  email: '',
  departmentCodes: [],
  queueCodes: [],
  capacity: '',
  active: true,
};

const STAFF_INPUTS = inputIdIn({
  subject: 'staff-subject',
  name: 'staff-name',
  email: 'staff-email',
  departmentCodes: 'staff-departments',
  queueCodes: 'staff-queues',
  capacity: 'staff-capacity',
});

const QUEUE_INPUTS = inputIdIn({
  code: 'queue-code',
  departmentCode: 'queue-department',
  name: 'queue-name',
  assignment: 'queue-assignment',
});

type Departments = { code: string; name: string }[];

/**
 * Staff and queues (issue 13, docs/adr/0088): the staff directory with a form to add or change
 * someone, and a department's queues with a form to add or change one.
 */
export function AdminStaffPage() {
  const { t } = useTranslation();
  const [departments, setDepartments] = useState<Departments>([]);
  // Counts the queues saved below, so the staff form offers a new one without a new tick.
  const [queuesSaved, setQueuesSaved] = useState(0);
  const onQueueSaved = useCallback(() => setQueuesSaved((n) => n + 1), []);
  return (
    <AdminFrame id="staff" title={t('admin.staff.title')}>
      {() => (
        <>
          <p>{t('admin.staff.intro')}</p>
          <StaffDirectory onDepartments={setDepartments} queuesSaved={queuesSaved} />
          <Queues departments={departments} onSaved={onQueueSaved} />
        </>
      )}
    </AdminFrame>
  );
}

function StaffDirectory({
  onDepartments,
  queuesSaved,
}: {
  onDepartments: (d: Departments) => void;
  queuesSaved: number;
}) {
  const { t } = useTranslation();
  const [staff, setStaff] = useState<AdminStaffMember[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<StaffDraft>(NEW_STAFF);
  const [departments, setDepartments] = useState<Departments>([]);
  const [queues, setQueues] = useState<AdminQueue[]>([]);
  const action = useAction(STAFF_INPUTS, adminProblems);

  const load = useCallback(() => {
    request(ADMIN_STAFF, {}).then(
      (found) => {
        setStaff(found.staff);
        setDepartments(found.departments);
        onDepartments(found.departments);
      },
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [t, onDepartments]);
  useEffect(load, [load]);

  // The queues to tick are those of the departments ticked, asked again as they change and when a
  // queue is saved below.
  const chosenDepartments = draft.departmentCodes.join(',');
  useEffect(() => {
    let current = true;
    const codes = chosenDepartments ? chosenDepartments.split(',') : [];
    Promise.all(codes.map((departmentCode) => request(DEPARTMENT_QUEUES, { departmentCode }))).then(
      (answers) => current && setQueues(answers.flatMap((a) => a.queues)),
      () => current && setQueues([]),
    );
    return () => {
      current = false;
    };
  }, [chosenDepartments, queuesSaved]);
  // A queue of theirs outside the ticked departments stays listed, so it is never dropped unseen.
  const queueOptions = [
    ...queues.map((q) => ({ value: q.code, label: `${q.name} (${q.code})` })),
    ...draft.queueCodes
      .filter((code) => !queues.some((q) => q.code === code))
      .map((code) => ({ value: code, label: code })),
  ];

  const set = (change: Partial<StaffDraft>) => setDraft((d) => ({ ...d, ...change }));
  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const { saveStaffMember: saved } = await request(SAVE_STAFF_MEMBER, {
        input: {
          subject: draft.subject.trim(),
          name: draft.name,
          email: draft.email.trim(),
          departmentCodes: draft.departmentCodes,
          queueCodes: draft.queueCodes,
          capacity: draft.capacity.trim() ? wholeNumber(draft.capacity) : null,
          active: draft.active,
        },
      });
      setDraft(NEW_STAFF);
      load();
      return t('admin.staff.saved', { name: saved.name });
    });
  };
  const field = (id: string, value: keyof StaffDraft, hint?: string) => (
    <Field id={id} label={t(`admin.fields.${id}`)} hint={hint} error={action.errorFor(id)}>
      {(p) => (
        <input
          {...p}
          value={draft[value] as string}
          onChange={(e) => set({ [value]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <section aria-labelledby="staff-list-title">
      <h2 id="staff-list-title">{t('admin.staff.listTitle')}</h2>
      <DataList
        rows={staff}
        error={error}
        empty={t('admin.staff.none')}
        testId="admin-staff"
        rowKey={(s) => s.subject}
        columns={[
          {
            header: t('admin.fields.staff-name'),
            cell: (s: AdminStaffMember) =>
              `${s.name}${s.active ? '' : ` (${t('supervisor.inactive')})`}`,
            rowHeader: true,
          },
          { header: t('admin.fields.staff-subject'), cell: (s) => s.subject },
          { header: t('admin.fields.staff-email'), cell: (s) => s.email },
          {
            header: t('admin.fields.staff-departments'),
            cell: (s) => s.departmentCodes.join(', '),
          },
          { header: t('admin.fields.staff-queues'), cell: (s) => s.queueCodes.join(', ') || '—' },
          { header: t('admin.fields.staff-capacity'), cell: (s) => s.capacity ?? '—' },
          {
            header: t('admin.actions'),
            cell: (s) => (
              <button
                type="button"
                className="secondary"
                aria-label={t('admin.editNamed', { name: s.name })}
                onClick={() => {
                  setDraft({
                    subject: s.subject,
                    name: s.name,
                    email: s.email,
                    departmentCodes: s.departmentCodes,
                    queueCodes: s.queueCodes,
                    capacity: s.capacity === null ? '' : String(s.capacity),
                    active: s.active,
                  });
                  action.setProblems([]);
                  document.getElementById('staff-name')?.focus();
                }}
              >
                {t('admin.edit')}
              </button>
            ),
          },
        ]}
      />
      <form onSubmit={save} noValidate className="rule-form" aria-labelledby="staff-form-title">
        <h3 id="staff-form-title">{t('admin.staff.formTitle')}</h3>
        <p className="hint">{t('admin.staff.formHint')}</p>
        <ErrorSummary items={action.problems} />
        {action.done && (
          <p role="status" className="notice">
            {action.done}
          </p>
        )}
        {field('staff-subject', 'subject', t('admin.staff.subjectHint'))}
        {field('staff-name', 'name')}
        {field('staff-email', 'email')}
        <Ticks
          id="staff-departments"
          legend={t('admin.fields.staff-departments')}
          options={departments.map((d) => ({ value: d.code, label: d.name }))}
          chosen={draft.departmentCodes}
          onChange={(departmentCodes) => set({ departmentCodes })}
          error={action.errorFor('staff-departments')}
        />
        <Ticks
          id="staff-queues"
          legend={t('admin.fields.staff-queues')}
          hint={t(queueOptions.length ? 'admin.staff.queuesHint' : 'admin.staff.noQueues')}
          options={queueOptions}
          chosen={draft.queueCodes}
          onChange={(queueCodes) => set({ queueCodes })}
          error={action.errorFor('staff-queues')}
        />
        {field('staff-capacity', 'capacity', t('admin.staff.capacityHint'))}
        <div className="choice">
          <input
            type="checkbox"
            id="staff-active"
            checked={draft.active}
            onChange={(e) => set({ active: e.target.checked })}
          />
          <label htmlFor="staff-active">{t('admin.staff.active')}</label>
        </div>
        <button type="submit" disabled={action.busy}>
          {t('admin.staff.save')}
        </button>
      </form>
    </section>
  );
}

function Queues({ departments, onSaved }: { departments: Departments; onSaved: () => void }) {
  const { t } = useTranslation();
  const [department, setDepartment] = useState('');
  const [queues, setQueues] = useState<AdminQueue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState({
    code: '',
    name: '',
    assignment: 'MANUAL' as QueueAssignment,
  });
  const action = useAction(QUEUE_INPUTS, adminProblems);
  const shown = department || departments[0]?.code || '';

  const load = useCallback(() => {
    if (!shown) {
      return;
    }
    setError(null);
    request(DEPARTMENT_QUEUES, { departmentCode: shown }).then(
      ({ queues: found }) => setQueues(found),
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [shown, t]);
  useEffect(load, [load]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const { saveQueue: saved } = await request(SAVE_QUEUE, {
        input: { ...draft, code: draft.code.trim(), departmentCode: shown },
      });
      setDraft({ code: '', name: '', assignment: 'MANUAL' });
      load();
      onSaved();
      return t('admin.queues.saved', { name: saved.name, code: saved.code });
    });
  };

  return (
    <section aria-labelledby="queue-list-title">
      <h2 id="queue-list-title">{t('admin.queues.title')}</h2>
      <Field
        id="queue-department"
        label={t('admin.fields.queue-department')}
        error={action.errorFor('queue-department')}
      >
        {(p) => (
          <select
            {...p}
            value={shown}
            onChange={(e) => {
              setDepartment(e.target.value);
              setQueues(null);
            }}
          >
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DataList
        rows={shown ? queues : []}
        error={error}
        empty={t('admin.queues.none')}
        testId="admin-queues"
        rowKey={(q) => q.code}
        columns={[
          {
            header: t('admin.fields.queue-name'),
            cell: (q: AdminQueue) => q.name,
            rowHeader: true,
          },
          { header: t('admin.fields.queue-code'), cell: (q) => q.code },
          {
            header: t('admin.fields.queue-assignment'),
            cell: (q) =>
              `${t(`admin.queues.assignments.${q.assignment}`)}${q.priority ? ` · ${t('admin.queues.priority')}` : ''}`,
          },
          {
            header: t('admin.actions'),
            cell: (q) => (
              <button
                type="button"
                className="secondary"
                aria-label={t('admin.editNamed', { name: q.name })}
                onClick={() => {
                  setDraft({ code: q.code, name: q.name, assignment: q.assignment });
                  action.setProblems([]);
                  document.getElementById('queue-name')?.focus();
                }}
              >
                {t('admin.edit')}
              </button>
            ),
          },
        ]}
      />
      <form onSubmit={save} noValidate className="rule-form" aria-labelledby="queue-form-title">
        <h3 id="queue-form-title">{t('admin.queues.formTitle')}</h3>
        <ErrorSummary items={action.problems} />
        {action.done && (
          <p role="status" className="notice">
            {action.done}
          </p>
        )}
        <Field
          id="queue-code"
          label={t('admin.fields.queue-code')}
          hint={t('admin.queues.codeHint', { department: shown })}
          error={action.errorFor('queue-code')}
        >
          {(p) => (
            <input
              {...p}
              value={draft.code}
              onChange={(e) => setDraft({ ...draft, code: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="queue-name"
          label={t('admin.fields.queue-name')}
          error={action.errorFor('queue-name')}
        >
          {(p) => (
            <input
              {...p}
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="queue-assignment"
          label={t('admin.fields.queue-assignment')}
          error={action.errorFor('queue-assignment')}
        >
          {(p) => (
            <select
              {...p}
              value={draft.assignment}
              onChange={(e) =>
                setDraft({ ...draft, assignment: e.target.value as QueueAssignment })
              }
            >
              {ASSIGNMENTS.map((a) => (
                <option key={a} value={a}>
                  {t(`admin.queues.assignments.${a}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={action.busy || !shown}>
          {t('admin.queues.save')}
        </button>
      </form>
    </section>
  );
}
