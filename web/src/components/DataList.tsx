import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './ErrorSummary';

/** One column of a list: its heading and what each row shows in it. */
export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** The cell names its row (a `<th scope="row">`), so a screen reader announces it. */
  rowHeader?: boolean;
}

/**
 * A list from the API as the staff pages show one: loading, the API's error in words, a sentence
 * when there is nothing, else a table that scrolls sideways on a phone; **Show more** when
 * `onMore` is given. `rows` is null while loading.
 */
export function DataList<T>({
  rows,
  error,
  empty,
  columns,
  rowKey,
  testId,
  caption,
  onMore,
}: {
  rows: T[] | null;
  error: string | null;
  empty: string;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  testId: string;
  caption?: string;
  onMore?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {rows === null && !error && <p>{t('app.loading')}</p>}
      {rows?.length === 0 && <p>{empty}</p>}
      {rows && rows.length > 0 && (
        <div className="table-scroll">
          <table data-testid={testId}>
            {caption && <caption>{caption}</caption>}
            <thead>
              <tr>
                {columns.map((c) => (
                  <th scope="col" key={c.header}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((c) =>
                    c.rowHeader ? (
                      <th scope="row" key={c.header}>
                        {c.cell(row)}
                      </th>
                    ) : (
                      <td key={c.header}>{c.cell(row)}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {onMore && rows && (
        <button type="button" onClick={onMore}>
          {t('worklist.more')}
        </button>
      )}
    </>
  );
}

/**
 * A list from a query that pages by size only (`first`, no cursor: `failedNotifications`,
 * `auditLog`): **Show more** asks again for `page` more, up to the query's `most`. `load` changing
 * (new filters) starts again from one page.
 */
export function useGrowingList<T>(
  load: (first: number) => Promise<T[]>,
  page: number,
  most: number,
) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState({ load, first: page });
  const [rows, setRows] = useState<T[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  // New filters: from one page again (set while rendering, as React advises for derived state).
  if (asked.load !== load) {
    setAsked({ load, first: page });
    setRows(null);
  }

  useEffect(() => {
    let current = true;
    setFailure(null);
    asked.load(asked.first).then(
      (found) => current && setRows(found),
      (e: unknown) => current && setFailure(e),
    );
    return () => {
      current = false;
    };
  }, [asked]);

  const more = rows !== null && rows.length === asked.first && asked.first < most;
  const showMore = useCallback(
    () => setAsked((a) => ({ ...a, first: Math.min(a.first + page, most) })),
    [page, most],
  );
  /** The API's error in words; `failure` is the error itself (a refused filter names a field). */
  const error = failure === null ? null : errorText(failure, t);
  return { rows, error, failure, more, showMore };
}

/** One page of a list paged by cursor, and the cursor of the next page (null: none). */
export interface CursorPage<T> {
  rows: T[];
  next: string | null;
}

/**
 * A list from a query paged by cursor (`worklist`, `failedEmailReplies`, `overdueCases`): the first
 * page, then **Show more** adds the page after the last. `load` changing starts again; `setRows`
 * puts a row the page changed (a reply sent again) in place.
 */
export function useCursorList<T>(load: (after: string | null) => Promise<CursorPage<T>>) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fetchPage = useCallback(
    (after: string | null) => {
      setError(null);
      load(after).then(
        (page) => {
          setRows((shown) => (after && shown ? [...shown, ...page.rows] : page.rows));
          setNext(page.next);
        },
        (e: unknown) => setError(errorText(e, t)),
      );
    },
    [load, t],
  );
  useEffect(() => {
    setRows(null);
    setNext(null);
    fetchPage(null);
  }, [fetchPage]);

  const showMore = useCallback(() => fetchPage(next), [fetchPage, next]);
  return { rows, setRows, error, more: next !== null, showMore };
}
