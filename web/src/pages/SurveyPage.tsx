import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../api/client';
import { SUBMIT_SATISFACTION } from '../api/operations';
import {
  ErrorSummary,
  errorText,
  fieldProblemText,
  type SummaryItem,
} from '../components/ErrorSummary';
import { Field } from '../components/Field';
import { LANGUAGES } from '../i18n';
import { Link } from '../router';
import { withWholeTickets } from '../components/TicketNumber';

const SCORES = ['1', '2', '3', '4', '5'] as const;
/** Refusals of the link itself: nothing on the page can fix them, so the form goes. */
const LINK_CODES = [
  'SURVEY_ALREADY_ANSWERED',
  'SURVEY_LINK_EXPIRED',
  'SURVEY_LINK_INVALID',
  'SURVEY_UNAVAILABLE',
];

/**
 * The closure notice's survey link (`SURVEY_URL?token=…&lang=en|es`, docs/adr/0060): one
 * question, 1 to 5, and a comment, sent with no sign-in (the link's token is the credential).
 */
export function SurveyPage() {
  const { t, i18n } = useTranslation();
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token') ?? '';
  const lang = params.get('lang');
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [answered, setAnswered] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  // The link says which language the notice was in; the page starts in it.
  useEffect(() => {
    const known = LANGUAGES.find((l) => lang?.toLowerCase().startsWith(l.code));
    if (known && !i18n.language.startsWith(known.code)) {
      void i18n.changeLanguage(known.code);
    }
    // Only on arrival: the switch at the top still changes it afterwards.
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!score) {
      setProblems([{ inputId: 'score-1', text: t('survey.chooseScore') }]);
      return;
    }
    setProblems([]);
    setSending(true);
    try {
      const { submitSatisfaction } = await request(SUBMIT_SATISFACTION, {
        input: { token, score: Number(score), comment: comment.trim() || undefined },
      });
      setAnswered(submitSatisfaction.ticketNumber);
    } catch (error) {
      if (error instanceof ApiError && LINK_CODES.includes(error.code)) {
        setRefusal(error.code);
      } else if (error instanceof ApiError && error.fields.length > 0) {
        setProblems(
          error.fields.map((f) => {
            const field = f.field.replace(/^input\./, '');
            return {
              inputId: field === 'score' ? 'score-1' : field === 'comment' ? 'comment' : undefined,
              text:
                field === 'score' || field === 'comment'
                  ? t('errors.field', { field: t(`survey.${field}`), reason: f.reason })
                  : fieldProblemText(field, f.reason, t),
            };
          }),
        );
      } else {
        setProblems([{ text: errorText(error, t) }]);
      }
    } finally {
      setSending(false);
    }
  };

  const scoreError = problems.find((p) => p.inputId === 'score-1')?.text;

  return (
    <section aria-labelledby="survey-title">
      <h1 id="survey-title">{answered ? t('survey.thanksTitle') : t('survey.title')}</h1>
      {answered ? (
        <div role="status">
          <p data-testid="survey-thanks">
            {withWholeTickets(t('survey.thanks', { ticket: answered }))}
          </p>
          <p>
            <Link href={`/track/${encodeURIComponent(answered)}`}>
              {withWholeTickets(t('survey.track', { ticket: answered }))}
            </Link>
          </p>
        </div>
      ) : !token ? (
        <p className="notice" role="alert">
          {t('survey.noToken')}
        </p>
      ) : refusal ? (
        <p className="notice" role="alert" data-testid="survey-refused">
          {t(`survey.codes.${refusal}`)}
        </p>
      ) : (
        <>
          <p>{t('survey.intro')}</p>
          <form onSubmit={submit} noValidate>
            <ErrorSummary items={problems} />
            <fieldset
              className={scoreError ? 'field-error' : undefined}
              aria-describedby={scoreError ? 'score-error' : undefined}
            >
              <legend>{t('survey.legend')}</legend>
              {scoreError && (
                <p className="error-text" id="score-error">
                  {scoreError}
                </p>
              )}
              {SCORES.map((value) => (
                <div className="choice" key={value}>
                  <input
                    type="radio"
                    name="score"
                    id={`score-${value}`}
                    value={value}
                    checked={score === value}
                    onChange={() => setScore(value)}
                  />
                  <label htmlFor={`score-${value}`}>{t(`survey.scores.${value}`)}</label>
                </div>
              ))}
            </fieldset>
            <Field
              id="comment"
              label={t('survey.comment')}
              hint={t('survey.commentHint')}
              error={problems.find((p) => p.inputId === 'comment')?.text}
            >
              {(props) => (
                <textarea
                  {...props}
                  rows={4}
                  maxLength={2000}
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" disabled={sending}>
              {sending ? t('survey.sending') : t('survey.submit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
