import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorText, type SummaryItem } from './ErrorSummary';

/** How a set of pages words the API's refusals (`wordingOf`). */
export interface ProblemWording {
  /** The translations' namespace of its codes and fields: `<namespace>.codes.*`, `.fields.*`. */
  namespace: string;
  /** Codes a person can act on, said in the page's language; any other in the API's own words. */
  explainedCodes: readonly string[];
  /** From the API's field path: the key of its label and the name `inputIdFor` is asked for. */
  fieldOf: (path: string) => { key: string; input: string };
  /**
   * An explained code on a field replaces the whole sentence (`sentence`) or only the API's
   * reason in "<field>: <reason>" (`reason`).
   */
  explained: 'sentence' | 'reason';
}

/**
 * What went wrong, in `wording`: one item per field the API named (linked to the input
 * `inputIdFor` gives, so the field is highlighted), or one item in words.
 */
export function wordingOf(wording: ProblemWording) {
  return (
    error: unknown,
    inputIdFor: (field: string) => string | undefined,
    t: TFunction,
  ): SummaryItem[] => {
    if (!(error instanceof ApiError)) {
      return [{ text: errorText(error, t) }];
    }
    const explained = wording.explainedCodes.includes(error.code)
      ? t(`${wording.namespace}.codes.${error.code}`)
      : undefined;
    if (error.fields.length === 0) {
      return [{ text: explained ?? errorText(error, t) }];
    }
    return error.fields.map((f) => {
      const { key, input } = wording.fieldOf(f.field);
      const field = t(`${wording.namespace}.fields.${key}`, { defaultValue: key });
      return {
        inputId: inputIdFor(input),
        text:
          explained && wording.explained === 'sentence'
            ? explained
            : t('errors.field', { field, reason: explained ?? f.reason }),
      };
    });
  };
}

/**
 * Staff's wording: the codes of the case and citizen services a person can act on
 * (`casework.codes.*`); `input.parts.1.description` is `parts_description` in `casework.fields`
 * (any part's) and the input `parts.1.description`.
 */
export const problemsFrom = wordingOf({
  namespace: 'casework',
  explainedCodes: [
    'STAFF_NOT_FOUND',
    'STAFF_INACTIVE',
    'ASSIGNEE_OUTSIDE_DEPARTMENT',
    'CASE_TRANSITION_NOT_ALLOWED',
    'CASE_CLOSED',
    'CASE_NOT_ROUTED',
    'CASE_ALREADY_SPLIT',
    'CASE_IS_PART_OF_SPLIT',
    'CASE_PARENT_IS_DUPLICATE',
    'CASE_NOT_POSSIBLE_DUPLICATE',
    'CASE_NOT_FOUND',
  ],
  fieldOf: (path) => {
    const input = path.replace(/^input\./, '');
    return { key: input.replace(/\.\d+(?=\.|$)/g, '').replace(/\./g, '_'), input };
  },
  explained: 'reason',
});

/** What a page makes of an API error: the summary's lines, each naming its field's input. */
export type ProblemsFrom = typeof problemsFrom;

/**
 * One action's state: running, what it did (said in a status line), what went wrong (the form's
 * error summary and the fields it names; `describe` words the errors, staff's wording unless a
 * page has its own).
 */
export function useAction(
  inputIdFor: (field: string) => string | undefined,
  describe: ProblemsFrom = problemsFrom,
) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Runs `act`, which answers the sentence saying what it did; true when it did. */
  const run = async (act: () => Promise<string>): Promise<boolean> => {
    setDone(null);
    setProblems([]);
    setBusy(true);
    try {
      setDone(await act());
      return true;
    } catch (error) {
      setProblems(describe(error, inputIdFor, t));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const errorFor = (inputId: string) => problems.find((p) => p.inputId === inputId)?.text;
  return { problems, setProblems, done, busy, run, errorFor };
}
