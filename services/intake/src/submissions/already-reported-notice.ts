/**
 * What a reporter is told when their problem is already reported as an open request nearby
 * (docs/adr/0063), in their language (English when it is not one we write in).
 */
const ALREADY_REPORTED: Record<string, (ticketNumber: string) => string> = {
  en: (t) =>
    `This problem has already been reported nearby as ${t} and is open. You can follow it with that number; your report is recorded too and staff will add it to ${t} if it is the same problem.`,
  es: (t) =>
    `Este problema ya se ha reportado cerca como ${t} y está abierto. Puede seguirlo con ese número; su reporte también queda registrado y el personal lo unirá a ${t} si es el mismo problema.`,
};

export function alreadyReportedNotice(ticketNumber: string, language?: string): string {
  const primary = language?.trim().toLowerCase().split(/[-_]/)[0] ?? 'en';
  return (ALREADY_REPORTED[primary] ?? ALREADY_REPORTED.en)(ticketNumber);
}
