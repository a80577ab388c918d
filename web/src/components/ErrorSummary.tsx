import { useEffect, useId, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The API's error in words: translated by its code where we know it, else its own message. */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (['NETWORK', 'UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED'].includes(error.code)) {
      return t(`errors.${error.code}`);
    }
    return error.message;
  }
  return t('errors.generic', { message: error instanceof Error ? error.message : String(error) });
}

/**
 * One field the API named, in words: the field's name in the page's language (`reporter.email` is
 * "E-mail"), then the API's reason.
 */
export function fieldProblemText(field: string, reason: string, t: TFunction): string {
  const key = field.replace(/^(input|reporter)\./, '').replace(/^(location|attributes)\..*$/, '$1');
  const label = t(`errors.fields.${key}`, { defaultValue: field });
  return t('errors.field', { field: label, reason });
}

export interface SummaryItem {
  /** The id of the input to focus, when the problem is one field's. */
  inputId?: string;
  text: string;
}

/** At the top of a form: what went wrong, focused so screen readers read it, linking each field. */
export function ErrorSummary({ items }: { items: SummaryItem[] }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  // Several forms on one page (a case's actions) each have a summary: ids must not repeat.
  const titleId = useId();
  useEffect(() => {
    if (items.length) {
      box.current?.focus();
    }
  }, [items]);
  if (!items.length) {
    return null;
  }
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box} aria-labelledby={titleId}>
      <h2 id={titleId}>{t('errors.title')}</h2>
      <ul>
        {items.map((item, index) => (
          <li key={index}>
            {item.inputId ? (
              <a
                href={`#${item.inputId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(item.inputId!)?.focus();
                }}
              >
                {item.text}
              </a>
            ) : (
              item.text
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
