import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import {
  ADMIN_CATALOG,
  CREATE_SERVICE,
  SET_SERVICE_ATTRIBUTES,
  UPDATE_SERVICE,
  type AdminService,
  type AttributeDatatype,
} from '../../api/operations';
import { DataList } from '../../components/DataList';
import { ErrorSummary, errorText } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import {
  AdminFrame,
  adminProblems,
  statusColumn,
  inputIdIn,
  listOf,
  wholeNumber,
} from './AdminFrame';
import { choicesOf, choicesText } from './boundary';

const DATATYPES: AttributeDatatype[] = [
  'string',
  'text',
  'number',
  'datetime',
  'singlevaluelist',
  'multivaluelist',
];

interface ServiceDraft {
  code: string;
  name: string;
  description: string;
  group: string;
  departmentCode: string;
  slaHours: string;
  keywords: string;
  active: boolean;
}

const NEW_SERVICE: ServiceDraft = {
  code: '',
  name: '',
  description: '',
  group: '',
  departmentCode: '',
  slaHours: '',
  keywords: '',
  active: true,
};

function draftOf(s: AdminService): ServiceDraft {
  return {
    code: s.code,
    name: s.name,
    description: s.description,
    group: s.group,
    departmentCode: s.department.code,
    slaHours: String(s.slaHours),
    keywords: s.keywords.join(', '),
    active: s.active,
  };
}

const SERVICE_INPUTS = inputIdIn({
  code: 'service-code',
  name: 'service-name',
  description: 'service-description',
  group: 'service-group',
  departmentCode: 'service-department',
  slaHours: 'service-sla',
  targetHours: 'service-sla',
  keywords: 'service-keywords',
});

interface QuestionDraft {
  code: string;
  description: string;
  datatype: AttributeDatatype;
  required: boolean;
  choices: string;
}

/** `attributes[1].values[0].key` is the second question's choices: `question-1-choices`. */
function questionInputId(field: string): string | undefined {
  const found = /^attributes\[(\d+)\]\.?(\w*)/.exec(field);
  if (!found) {
    return undefined;
  }
  const part = {
    code: 'code',
    description: 'description',
    datatype: 'datatype',
    required: 'required',
    values: 'choices',
  }[found[2]];
  return `question-${found[1]}-${part ?? 'code'}`;
}

/**
 * The service catalog (issue 13, docs/adr/0088): the services residents can request, a form to
 * add one or change one, and a service's questions (its Open311 attributes), set as a whole.
 */
export function AdminCatalogPage() {
  const { t } = useTranslation();
  return (
    <AdminFrame id="catalog" title={t('admin.services.title')}>
      {() => <Catalog />}
    </AdminFrame>
  );
}

function Catalog() {
  const { t } = useTranslation();
  const [services, setServices] = useState<AdminService[] | null>(null);
  const [departments, setDepartments] = useState<{ code: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<ServiceDraft>(NEW_SERVICE);
  const [asking, setAsking] = useState<AdminService | null>(null);
  const action = useAction(SERVICE_INPUTS, (e, inputIdFor, tt) => adminProblems(e, inputIdFor, tt));

  const load = useCallback(() => {
    request(ADMIN_CATALOG, {}).then(
      (found) => {
        setServices(found.services);
        setDepartments(found.departments);
      },
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [t]);
  useEffect(load, [load]);

  const set = (change: Partial<ServiceDraft>) => setDraft((d) => ({ ...d, ...change }));
  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const input = {
        name: draft.name,
        description: draft.description,
        group: draft.group,
        departmentCode: draft.departmentCode,
        keywords: listOf(draft.keywords),
        active: draft.active,
        ...(draft.slaHours.trim() ? { slaHours: wholeNumber(draft.slaHours) } : {}),
      };
      const saved = editing
        ? (await request(UPDATE_SERVICE, { code: editing, input })).updateService
        : (await request(CREATE_SERVICE, { input: { ...input, code: draft.code.trim() } }))
            .createService;
      setEditing(saved.code);
      setDraft(draftOf(saved));
      load();
      return t(editing ? 'admin.services.updated' : 'admin.services.created', { name: saved.name });
    });
  };
  const field = (id: string, control: Parameters<typeof Field>[0]['children'], hint?: string) => (
    <Field id={id} label={t(`admin.fields.${id}`)} hint={hint} error={action.errorFor(id)}>
      {control}
    </Field>
  );

  return (
    <>
      <p>{t('admin.services.intro')}</p>
      <section aria-labelledby="service-list-title">
        <h2 id="service-list-title">{t('admin.services.listTitle')}</h2>
        <DataList
          rows={services}
          error={error}
          empty={t('admin.services.none')}
          testId="admin-services"
          rowKey={(s) => s.code}
          columns={[
            {
              header: t('admin.fields.service-name'),
              cell: (s: AdminService) => s.name,
              rowHeader: true,
            },
            { header: t('admin.fields.service-code'), cell: (s) => s.code },
            { header: t('admin.fields.service-group'), cell: (s) => s.group },
            { header: t('admin.fields.service-department'), cell: (s) => s.department.name },
            { header: t('admin.fields.service-sla'), cell: (s) => s.slaHours },
            statusColumn(t),
            {
              header: t('admin.services.questions'),
              cell: (s) => s.attributes.map((a) => a.description).join('; ') || '—',
            },
            {
              header: t('admin.actions'),
              cell: (s) => (
                <span className="row-actions">
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t('admin.editNamed', { name: s.name })}
                    onClick={() => {
                      setEditing(s.code);
                      setDraft(draftOf(s));
                      action.setProblems([]);
                      document.getElementById('service-name')?.focus();
                    }}
                  >
                    {t('admin.edit')}
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t('admin.services.questionsOf', { name: s.name })}
                    onClick={() => setAsking(s)}
                  >
                    {t('admin.services.questions')}
                  </button>
                </span>
              ),
            },
          ]}
        />
      </section>

      <form onSubmit={save} noValidate className="rule-form" aria-labelledby="service-form-title">
        <h2 id="service-form-title">
          {editing
            ? t('admin.services.editTitle', { name: draft.name })
            : t('admin.services.newTitle')}
        </h2>
        <ErrorSummary items={action.problems} />
        {action.done && (
          <p role="status" className="notice">
            {action.done}
          </p>
        )}
        {editing
          ? null
          : field(
              'service-code',
              (p) => (
                <input {...p} value={draft.code} onChange={(e) => set({ code: e.target.value })} />
              ),
              t('admin.services.codeHint'),
            )}
        {field('service-name', (p) => (
          <input {...p} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        ))}
        {field('service-description', (p) => (
          <textarea
            {...p}
            rows={2}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        ))}
        {field(
          'service-group',
          (p) => (
            <input {...p} value={draft.group} onChange={(e) => set({ group: e.target.value })} />
          ),
          t('admin.services.groupHint'),
        )}
        {field('service-department', (p) => (
          <select
            {...p}
            value={draft.departmentCode}
            onChange={(e) => set({ departmentCode: e.target.value })}
          >
            <option value="">{t('casework.choose')}</option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        ))}
        {field(
          'service-sla',
          (p) => (
            <input
              {...p}
              inputMode="numeric"
              value={draft.slaHours}
              onChange={(e) => set({ slaHours: e.target.value })}
            />
          ),
          t('admin.services.slaHint'),
        )}
        {field(
          'service-keywords',
          (p) => (
            <input
              {...p}
              value={draft.keywords}
              onChange={(e) => set({ keywords: e.target.value })}
            />
          ),
          t('admin.services.keywordsHint'),
        )}
        <div className="choice">
          <input
            type="checkbox"
            id="service-active"
            checked={draft.active}
            onChange={(e) => set({ active: e.target.checked })}
          />
          <label htmlFor="service-active">{t('admin.services.active')}</label>
        </div>
        <p className="actions">
          <button type="submit" disabled={action.busy}>
            {t('admin.services.save')}
          </button>
          {editing && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setEditing(null);
                setDraft(NEW_SERVICE);
                action.setProblems([]);
              }}
            >
              {t('admin.services.newInstead')}
            </button>
          )}
        </p>
      </form>

      {asking && (
        <QuestionsForm
          key={asking.code}
          service={asking}
          onSaved={(saved) => {
            setAsking(saved);
            load();
          }}
        />
      )}
    </>
  );
}

/** A service's questions, in the order asked; saved together (`setServiceAttributes`). */
function QuestionsForm({
  service,
  onSaved,
}: {
  service: AdminService;
  onSaved: (saved: AdminService) => void;
}) {
  const { t } = useTranslation();
  const [questions, setQuestions] = useState<QuestionDraft[]>(
    [...service.attributes]
      .sort((a, b) => a.order - b.order)
      .map((a) => ({
        code: a.code,
        description: a.description,
        datatype: a.datatype,
        required: a.required,
        choices: choicesText(a.values),
      })),
  );
  const label = (inputId: string) => {
    const [, n, part] = /^question-(\d+)-(\w+)$/.exec(inputId) ?? [];
    return t('admin.questions.numbered', {
      n: Number(n) + 1,
      what: t(`admin.questions.${part}`),
    });
  };
  const action = useAction(questionInputId, (e, inputIdFor, tt) =>
    adminProblems(e, inputIdFor, tt, label),
  );
  const change = (i: number, to: Partial<QuestionDraft>) =>
    setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...to } : q)));
  const isList = (q: QuestionDraft) => q.datatype.endsWith('valuelist');

  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const { setServiceAttributes: saved } = await request(SET_SERVICE_ATTRIBUTES, {
        serviceCode: service.code,
        attributes: questions.map((q, i) => ({
          code: q.code.trim(),
          variable: true,
          datatype: q.datatype,
          required: q.required,
          order: i + 1,
          description: q.description,
          ...(isList(q) ? { values: choicesOf(q.choices) } : {}),
        })),
      });
      onSaved(saved);
      return t('admin.questions.saved', { name: saved.name, count: saved.attributes.length });
    });
  };

  return (
    <form onSubmit={save} noValidate className="rule-form" aria-labelledby="questions-title">
      <h2 id="questions-title">{t('admin.questions.title', { name: service.name })}</h2>
      <p className="hint">{t('admin.questions.intro')}</p>
      <ErrorSummary items={action.problems} />
      {action.done && (
        <p role="status" className="notice">
          {action.done}
        </p>
      )}
      {questions.length === 0 && <p>{t('admin.questions.none')}</p>}
      {questions.map((q, i) => (
        <fieldset key={i} className="ticks">
          <legend>{t('admin.questions.legend', { n: i + 1 })}</legend>
          <Field
            id={`question-${i}-description`}
            label={t('admin.questions.description')}
            error={action.errorFor(`question-${i}-description`)}
          >
            {(p) => (
              <input
                {...p}
                value={q.description}
                onChange={(e) => change(i, { description: e.target.value })}
              />
            )}
          </Field>
          <Field
            id={`question-${i}-code`}
            label={t('admin.questions.code')}
            hint={t('admin.questions.codeHint')}
            error={action.errorFor(`question-${i}-code`)}
          >
            {(p) => (
              <input {...p} value={q.code} onChange={(e) => change(i, { code: e.target.value })} />
            )}
          </Field>
          <Field
            id={`question-${i}-datatype`}
            label={t('admin.questions.datatype')}
            error={action.errorFor(`question-${i}-datatype`)}
          >
            {(p) => (
              <select
                {...p}
                value={q.datatype}
                onChange={(e) => change(i, { datatype: e.target.value as AttributeDatatype })}
              >
                {DATATYPES.map((d) => (
                  <option key={d} value={d}>
                    {t(`admin.questions.datatypes.${d}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {isList(q) && (
            <Field
              id={`question-${i}-choices`}
              label={t('admin.questions.choices')}
              hint={t('admin.questions.choicesHint')}
              error={action.errorFor(`question-${i}-choices`)}
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  value={q.choices}
                  onChange={(e) => change(i, { choices: e.target.value })}
                />
              )}
            </Field>
          )}
          <div className="choice">
            <input
              type="checkbox"
              id={`question-${i}-required`}
              checked={q.required}
              onChange={(e) => change(i, { required: e.target.checked })}
            />
            <label htmlFor={`question-${i}-required`}>{t('admin.questions.required')}</label>
          </div>
          <button
            type="button"
            className="secondary"
            onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}
          >
            {t('admin.questions.remove', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <p className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            setQuestions((qs) => [
              ...qs,
              { code: '', description: '', datatype: 'string', required: false, choices: '' },
            ])
          }
        >
          {t('admin.questions.add')}
        </button>
        <button type="submit" disabled={action.busy}>
          {t('admin.questions.save')}
        </button>
      </p>
    </form>
  );
}
