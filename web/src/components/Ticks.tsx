/**
 * A list of codes to tick (services, districts, channels, a person's departments and queues): a
 * fieldset the API's error names, focused by the error summary's link (its id).
 */
export function Ticks<T extends string>({
  id,
  legend,
  options,
  chosen,
  onChange,
  hint,
  error,
}: {
  id: string;
  legend: string;
  hint?: string;
  options: { value: T; label: string }[];
  chosen: T[];
  onChange: (chosen: T[]) => void;
  error?: string;
}) {
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={error ? 'ticks field-error' : 'ticks'}
      aria-describedby={
        [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') ||
        undefined
      }
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-text" id={`${id}-error`}>
          {error}
        </p>
      )}
      {options.map((o) => (
        <div className="choice" key={o.value}>
          <input
            type="checkbox"
            id={`${id}-${o.value}`}
            checked={chosen.includes(o.value)}
            onChange={(e) =>
              onChange(
                e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value),
              )
            }
          />
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
