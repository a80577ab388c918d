import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import { API_KEYS, CREATE_API_KEY, REVOKE_API_KEY, type ApiKey } from '../../api/operations';
import { DataList } from '../../components/DataList';
import { ErrorSummary, errorText } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { formatTime } from '../TrackPage';
import { AdminFrame, adminProblems, inputIdIn } from './AdminFrame';

/**
 * API keys (issue 13, docs/adr/0088): the keys issued to API clients, a form to issue one (its key
 * shown this once), and revocation after a confirmation.
 */
export function AdminKeysPage() {
  const { t } = useTranslation();
  return (
    <AdminFrame id="keys" title={t('admin.keys.title')}>
      {() => <Keys />}
    </AdminFrame>
  );
}

function Keys() {
  const { t, i18n } = useTranslation();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<{ key: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const action = useAction(inputIdIn({ name: 'key-name' }), adminProblems);

  const load = useCallback(() => {
    request(API_KEYS, {}).then(
      ({ apiKeys }) => setKeys(apiKeys),
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [t]);
  useEffect(load, [load]);

  const create = (event: FormEvent) => {
    event.preventDefault();
    setIssued(null);
    void action.run(async () => {
      const { createApiKey } = await request(CREATE_API_KEY, { input: { name } });
      setIssued({ key: createApiKey.key, name: createApiKey.apiKey.name });
      setName('');
      load();
      return t('admin.keys.created', { name: createApiKey.apiKey.name });
    });
  };
  const revoke = (key: ApiKey) => {
    setIssued(null);
    void action.run(async () => {
      await request(REVOKE_API_KEY, { id: key.id });
      setRevoking(null);
      load();
      return t('admin.keys.revoked', { name: key.name });
    });
  };

  return (
    <>
      <p>{t('admin.keys.intro')}</p>
      {action.done && (
        <p role="status" className="notice">
          {action.done}
        </p>
      )}
      {issued && (
        <div className="notice" data-testid="issued-key">
          <p>
            <strong>{t('admin.keys.onceTitle', { name: issued.name })}</strong>
          </p>
          <p>
            <code className="api-key">{issued.key}</code>
          </p>
          <p>{t('admin.keys.once')}</p>
        </div>
      )}
      <section aria-labelledby="key-list-title">
        <h2 id="key-list-title">{t('admin.keys.listTitle')}</h2>
        <DataList
          rows={keys}
          error={error}
          empty={t('admin.keys.none')}
          testId="admin-keys"
          rowKey={(k) => k.id}
          columns={[
            { header: t('admin.fields.key-name'), cell: (k: ApiKey) => k.name, rowHeader: true },
            { header: t('admin.keys.prefix'), cell: (k) => <code>{k.prefix}…</code> },
            {
              header: t('admin.keys.createdAt'),
              cell: (k) => formatTime(k.createdAt, i18n.language),
            },
            {
              header: t('admin.keys.status'),
              cell: (k) =>
                k.revokedAt
                  ? t('admin.keys.revokedAt', { at: formatTime(k.revokedAt, i18n.language) })
                  : t('admin.keys.live'),
            },
            {
              header: t('admin.actions'),
              cell: (k) =>
                k.revokedAt ? (
                  '—'
                ) : (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t('admin.keys.revokeNamed', { name: k.name })}
                    onClick={() => setRevoking(k)}
                  >
                    {t('admin.keys.revoke')}
                  </button>
                ),
            },
          ]}
        />
        {revoking && (
          <div className="notice" role="group" aria-labelledby="revoke-question">
            <p id="revoke-question">{t('admin.keys.revokeQuestion', { name: revoking.name })}</p>
            <p className="actions">
              <button type="button" disabled={action.busy} onClick={() => revoke(revoking)}>
                {t('admin.keys.revokeConfirm')}
              </button>
              <button type="button" className="secondary" onClick={() => setRevoking(null)}>
                {t('admin.keys.keep')}
              </button>
            </p>
          </div>
        )}
      </section>
      <form onSubmit={create} noValidate className="rule-form" aria-labelledby="key-form-title">
        <h2 id="key-form-title">{t('admin.keys.formTitle')}</h2>
        <ErrorSummary items={action.problems} />
        <Field
          id="key-name"
          label={t('admin.fields.key-name')}
          hint={t('admin.keys.nameHint')}
          error={action.errorFor('key-name')}
        >
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <button type="submit" disabled={action.busy}>
          {t('admin.keys.create')}
        </button>
      </form>
    </>
  );
}
