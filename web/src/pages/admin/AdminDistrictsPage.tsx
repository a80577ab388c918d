import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import { ALL_DISTRICTS, SAVE_DISTRICT, type District } from '../../api/operations';
import { DataList } from '../../components/DataList';
import { ErrorSummary, errorText } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { PlainMap } from '../../components/PlainMap';
import { useAction } from '../../components/useAction';
import { AdminFrame, adminProblems, statusColumn, inputIdIn } from './AdminFrame';
import { boundaryOf, polygonOf } from './boundary';

interface DistrictDraft {
  code: string;
  name: string;
  geometry: string;
  active: boolean;
}

const NEW_DISTRICT: DistrictDraft = { code: '', name: '', geometry: '', active: true };

const DISTRICT_INPUTS = inputIdIn({
  code: 'district-code',
  name: 'district-name',
  geometry: 'district-geometry',
});

/**
 * Districts (issue 13, docs/adr/0088): the active districts on the plain map and as a list, and a
 * form to add one or replace one, its boundary drawn on the map by clicking its corners, uploaded
 * as a GeoJSON file or pasted.
 */
export function AdminDistrictsPage() {
  const { t } = useTranslation();
  return (
    <AdminFrame id="districts" title={t('admin.districts.title')}>
      {() => <Districts />}
    </AdminFrame>
  );
}

function Districts() {
  const { t } = useTranslation();
  const [districts, setDistricts] = useState<District[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<DistrictDraft>(NEW_DISTRICT);
  // A new file input once saved, so it no longer names the file of the district just saved.
  const [fileInput, setFileInput] = useState(0);
  const action = useAction(DISTRICT_INPUTS, adminProblems);
  // The corners clicked so far while drawing a boundary on the map; null: not drawing.
  const [corners, setCorners] = useState<{ lat: number; lon: number }[] | null>(null);
  const [drawnNote, setDrawnNote] = useState<string | null>(null);

  const load = useCallback(() => {
    request(ALL_DISTRICTS, {}).then(
      ({ districts: found }) => setDistricts(found),
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [t]);
  useEffect(load, [load]);

  const set = (change: Partial<DistrictDraft>) => setDraft((d) => ({ ...d, ...change }));
  const upload = async (file: File | undefined) => {
    if (!file) {
      return;
    }
    const text = await file.text();
    const { name } = boundaryOf(text);
    setDraft((d) => ({ ...d, geometry: text, name: d.name || name || '' }));
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const { saveDistrict: saved } = await request(SAVE_DISTRICT, {
        input: {
          code: draft.code.trim(),
          name: draft.name,
          geometry: boundaryOf(draft.geometry).geometry,
          active: draft.active,
        },
      });
      setDraft(NEW_DISTRICT);
      setFileInput((n) => n + 1);
      load();
      return t('admin.districts.saved', { name: saved.name });
    });
  };
  const finishDrawing = () => {
    if (!corners || corners.length < 3) {
      return;
    }
    set({ geometry: JSON.stringify(polygonOf(corners)) });
    setDrawnNote(t('admin.districts.drawn', { count: corners.length }));
    setCorners(null);
  };
  // The active districts, and the boundary being written drawn over them (nothing while it is not
  // a polygon yet).
  const active = (districts ?? []).filter((d) => d.active);
  const shown = [
    ...active.filter((d) => d.code !== draft.code.trim()),
    ...(draft.geometry.trim()
      ? [
          {
            code: `draft:${draft.code}`,
            name: draft.name || '…',
            geometry: boundaryOf(draft.geometry).geometry,
          },
        ]
      : []),
  ];

  return (
    <>
      <p>{t('admin.districts.intro')}</p>
      <PlainMap
        districts={shown}
        label={t('admin.districts.map')}
        caption={t('admin.districts.mapCaption', { count: active.length })}
        path={corners ?? []}
        onPick={corners ? (lat, lon) => setCorners([...corners, { lat, lon }]) : undefined}
      />
      <div className="map-drawing" role="group" aria-label={t('admin.districts.draw')}>
        {corners ? (
          <>
            <p aria-live="polite">{t('admin.districts.drawing', { count: corners.length })}</p>
            <button
              type="button"
              className="secondary"
              disabled={corners.length === 0}
              onClick={() => setCorners(corners.slice(0, -1))}
            >
              {t('admin.districts.undoCorner')}
            </button>
            <button type="button" disabled={corners.length < 3} onClick={finishDrawing}>
              {t('admin.districts.finishDrawing')}
            </button>
            <button type="button" className="secondary" onClick={() => setCorners(null)}>
              {t('admin.districts.stopDrawing')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setDrawnNote(null);
                setCorners([]);
              }}
            >
              {t('admin.districts.draw')}
            </button>
            {drawnNote && <p aria-live="polite">{drawnNote}</p>}
          </>
        )}
      </div>
      <section aria-labelledby="district-list-title">
        <h2 id="district-list-title">{t('admin.districts.listTitle')}</h2>
        <DataList
          rows={districts}
          error={error}
          empty={t('admin.districts.none')}
          testId="admin-districts"
          rowKey={(d) => d.code}
          columns={[
            {
              header: t('admin.fields.district-name'),
              cell: (d: District) => d.name,
              rowHeader: true,
            },
            { header: t('admin.fields.district-code'), cell: (d) => d.code },
            statusColumn(t),
            {
              header: t('admin.actions'),
              cell: (d) => (
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('admin.editNamed', { name: d.name })}
                  onClick={() => {
                    setDraft({
                      code: d.code,
                      name: d.name,
                      geometry: d.geometry,
                      active: d.active,
                    });
                    action.setProblems([]);
                    document.getElementById('district-name')?.focus();
                  }}
                >
                  {t('admin.edit')}
                </button>
              ),
            },
          ]}
        />
      </section>

      <form onSubmit={save} noValidate className="rule-form" aria-labelledby="district-form-title">
        <h2 id="district-form-title">{t('admin.districts.formTitle')}</h2>
        <p className="hint">{t('admin.districts.formHint')}</p>
        <ErrorSummary items={action.problems} />
        {action.done && (
          <p role="status" className="notice">
            {action.done}
          </p>
        )}
        <Field
          id="district-code"
          label={t('admin.fields.district-code')}
          hint={t('admin.districts.codeHint')}
          error={action.errorFor('district-code')}
        >
          {(p) => (
            <input {...p} value={draft.code} onChange={(e) => set({ code: e.target.value })} />
          )}
        </Field>
        <Field
          id="district-name"
          label={t('admin.fields.district-name')}
          error={action.errorFor('district-name')}
        >
          {(p) => (
            <input {...p} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
          )}
        </Field>
        <div className="field">
          <label htmlFor="district-file">{t('admin.districts.file')}</label>
          <input
            key={fileInput}
            id="district-file"
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            onChange={(e) => void upload(e.target.files?.[0])}
          />
        </div>
        <Field
          id="district-geometry"
          label={t('admin.fields.district-geometry')}
          hint={t('admin.districts.geometryHint')}
          error={action.errorFor('district-geometry')}
        >
          {(p) => (
            <textarea
              {...p}
              rows={6}
              spellCheck={false}
              value={draft.geometry}
              onChange={(e) => set({ geometry: e.target.value })}
            />
          )}
        </Field>
        <div className="choice">
          <input
            type="checkbox"
            id="district-active"
            checked={draft.active}
            onChange={(e) => set({ active: e.target.checked })}
          />
          <label htmlFor="district-active">{t('admin.districts.active')}</label>
        </div>
        <button type="submit" disabled={action.busy}>
          {t('admin.districts.save')}
        </button>
      </form>
    </>
  );
}
