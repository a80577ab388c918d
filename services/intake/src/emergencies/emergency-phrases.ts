/**
 * Phrases that mark a submission as a possible emergency, per language. Deployments replace or
 * extend them with EMERGENCY_PHRASES_FILE (JSON: `{ "<lang>": ["phrase", ...] }`).
 */
export const DEFAULT_EMERGENCY_PHRASES: Record<string, string[]> = {
  en: [
    'gas leak',
    'smell gas',
    'smell of gas',
    'fire',
    'on fire',
    'smoke coming',
    'someone hurt',
    'someone is hurt',
    'person hurt',
    'injured',
    'bleeding',
    'not breathing',
    'unconscious',
    'live wire',
    'downed power line',
    'power line down',
    'explosion',
    'carbon monoxide',
    'trapped',
    'drowning',
  ],
  es: [
    'fuga de gas',
    'huele a gas',
    'olor a gas',
    'incendio',
    'fuego',
    'alguien herido',
    'persona herida',
    'herido',
    'sangrando',
    'no respira',
    'inconsciente',
    'cable caído',
    'explosión',
    'monóxido de carbono',
    'atrapado',
  ],
};

export const EMERGENCY_NOTICES: Record<string, string> = {
  en: 'This may be an emergency. If anyone is in danger, or you smell gas or see fire, call 911 now. This request has been flagged for priority attention, but it is not a substitute for 911.',
  es: 'Esto puede ser una emergencia. Si alguien está en peligro, o huele a gas o ve fuego, llame al 911 ahora. Esta solicitud se ha marcado como prioritaria, pero no sustituye al 911.',
};
