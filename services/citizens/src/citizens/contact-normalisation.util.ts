import type { ReporterContact } from '@civitas/contracts';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** A contact as it will be stored, plus the forms used for exact matching (null: not matchable). */
export interface NormalisedContact {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  /** E.164 when the number parses, else what was written (kept for staff, never matched on). */
  phone: string | null;
  emailKey: string | null;
  phoneKey: string | null;
  organisationName: string | null;
  postalAddress: string | null;
  preferredLanguage: string | null;
}

export function cleanText(raw: string | null | undefined): string | null {
  const trimmed = raw?.trim();
  return trimmed ? trimmed : null;
}

/** Trimmed and lower-cased: residents type the same address in many cases. */
export function normaliseEmail(raw: string | null | undefined): string | null {
  return cleanText(raw)?.toLowerCase() ?? null;
}

/** E.164, or null when the number does not parse as a valid number (such a number is not matched on). */
export function normalisePhone(
  raw: string | null | undefined,
  defaultRegion: CountryCode,
): string | null {
  const text = cleanText(raw);
  if (!text) {
    return null;
  }
  const parsed = parsePhoneNumberFromString(text, defaultRegion);
  return parsed?.isValid() ? parsed.number : null;
}

export function normaliseContact(
  contact: ReporterContact | undefined,
  defaultRegion: CountryCode,
): NormalisedContact {
  const email = normaliseEmail(contact?.email);
  const phoneKey = normalisePhone(contact?.phone, defaultRegion);
  return {
    firstName: cleanText(contact?.firstName),
    lastName: cleanText(contact?.lastName),
    email,
    phone: phoneKey ?? cleanText(contact?.phone),
    emailKey: email,
    phoneKey,
    organisationName: cleanText(contact?.organisationName),
    postalAddress: cleanText(contact?.postalAddress),
    preferredLanguage: cleanText(contact?.preferredLanguage),
  };
}

/** Nothing that could identify or reach a person: the report stays anonymous. */
export function isAnonymous(contact: NormalisedContact): boolean {
  return (
    !contact.firstName &&
    !contact.lastName &&
    !contact.email &&
    !contact.phone &&
    !contact.organisationName &&
    !contact.postalAddress
  );
}
