import { normaliseForMatching } from '@civitas/contracts';
import { DEFAULT_EMERGENCY_PHRASES, EMERGENCY_NOTICES } from './emergency-phrases.js';

export interface EmergencyVerdict {
  emergency: boolean;
  /** The phrase that matched and its language, for the log and the notice's language. */
  phrase?: string;
  language?: string;
  notice: string | null;
}

/**
 * Flags text containing any configured phrase as whole words, case- and accent-insensitively
 * ("Gas  LEAK!" matches "gas leak"; "firewood" does not match "fire").
 */
export class EmergencyDetector {
  private readonly phrases: { language: string; phrase: string; normalised: string }[];

  constructor(phrasesByLanguage: Record<string, string[]> = DEFAULT_EMERGENCY_PHRASES) {
    this.phrases = Object.entries(phrasesByLanguage).flatMap(([language, list]) =>
      list.map((phrase) => ({ language, phrase, normalised: normaliseForMatching(phrase) })),
    );
  }

  inspect(...texts: (string | undefined | null)[]): EmergencyVerdict {
    const haystack = normaliseForMatching(texts.filter(Boolean).join(' \n '));
    for (const candidate of this.phrases) {
      if (candidate.normalised.trim() && haystack.includes(candidate.normalised)) {
        return {
          emergency: true,
          phrase: candidate.phrase,
          language: candidate.language,
          notice: EMERGENCY_NOTICES[candidate.language] ?? EMERGENCY_NOTICES.en,
        };
      }
    }
    return { emergency: false, notice: null };
  }
}
