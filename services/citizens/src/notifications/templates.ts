/** The moments a reporter is told about, and the one a department's mailbox is (an overdue case). */
export enum NotificationTemplate {
  Received = 'CASE_RECEIVED',
  Routed = 'CASE_ROUTED',
  StatusChanged = 'STATUS_CHANGED',
  PublicNote = 'PUBLIC_NOTE',
  Closed = 'CASE_CLOSED',
  /**
   * The case a report was closed as a duplicate of (the one it follows) changed status or closed:
   * `ticketNumber` is that case's (docs/adr/0063).
   */
  FollowedStatusChanged = 'FOLLOWED_STATUS_CHANGED',
  FollowedClosed = 'FOLLOWED_CASE_CLOSED',
  /** To the department's escalation mailbox (docs/adr/0067), in English: `renderOverdueNotice`. */
  Overdue = 'CASE_OVERDUE',
}

/** What a reporter may be told (every template but the department's). */
export type ResidentTemplate = Exclude<NotificationTemplate, NotificationTemplate.Overdue>;

export enum NotificationChannel {
  Email = 'EMAIL',
  Sms = 'SMS',
}

export const NOTIFICATION_LANGUAGES = ['en', 'es'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

/** Facts a template may use; never personal data (they are stored with the delivery). */
export interface TemplateParams {
  ticketNumber: string;
  status?: string;
  department?: string;
  /**
   * A closure notice carrying the one-question satisfaction survey (docs/adr/0060); its link is
   * made when the message is rendered, never stored.
   */
  survey?: boolean;
  /** An overdue notice's facts (docs/adr/0067): whose case, of what, due when (ISO 8601). */
  departmentCode?: string;
  departmentName?: string;
  serviceCode?: string;
  serviceName?: string;
  dueAt?: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
}

/** A BCP 47 tag (`es-MX`, `ES`) → a language we have templates for; English otherwise. */
export function notificationLanguage(tag: string | null | undefined): NotificationLanguage {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (NOTIFICATION_LANGUAGES as readonly string[]).includes(base)
    ? (base as NotificationLanguage)
    : 'en';
}

const STATUS: Record<NotificationLanguage, Record<string, string>> = {
  en: {
    NEW: 'received',
    OPEN: 'open',
    IN_PROGRESS: 'in progress',
    ON_HOLD: 'on hold',
    CLOSED: 'closed',
  },
  es: {
    NEW: 'recibida',
    OPEN: 'abierta',
    IN_PROGRESS: 'en curso',
    ON_HOLD: 'en espera',
    CLOSED: 'cerrada',
  },
};

type Texts = Record<ResidentTemplate, (p: TemplateParams, status: string) => RenderedMessage>;

const TEXTS: Record<NotificationLanguage, Texts> = {
  en: {
    [NotificationTemplate.Received]: (p) => ({
      subject: `We received your request ${p.ticketNumber}`,
      text: `Thank you. Your request ${p.ticketNumber} has been received. We will keep you informed.`,
    }),
    [NotificationTemplate.Routed]: (p) => ({
      subject: `Your request ${p.ticketNumber} has been assigned`,
      text: `Your request ${p.ticketNumber} has been assigned to ${p.department ?? 'the responsible department'}.`,
    }),
    [NotificationTemplate.StatusChanged]: (p, status) => ({
      subject: `Your request ${p.ticketNumber} is now ${status}`,
      text: `The status of your request ${p.ticketNumber} is now: ${status}.`,
    }),
    [NotificationTemplate.PublicNote]: (p) => ({
      subject: `An update on your request ${p.ticketNumber}`,
      text: `A note was added to your request ${p.ticketNumber}. You can read it where you follow your request.`,
    }),
    [NotificationTemplate.Closed]: (p) => ({
      subject: `Your request ${p.ticketNumber} is closed`,
      text: `Your request ${p.ticketNumber} has been closed. Thank you for letting us know.`,
    }),
    [NotificationTemplate.FollowedStatusChanged]: (p, status) => ({
      subject: `The request you reported with, ${p.ticketNumber}, is now ${status}`,
      text: `Your report was joined to request ${p.ticketNumber}, about the same problem. Its status is now: ${status}.`,
    }),
    [NotificationTemplate.FollowedClosed]: (p) => ({
      subject: `The request you reported with, ${p.ticketNumber}, is closed`,
      text: `Your report was joined to request ${p.ticketNumber}, about the same problem. It has been closed. Thank you for letting us know.`,
    }),
  },
  es: {
    [NotificationTemplate.Received]: (p) => ({
      subject: `Hemos recibido su solicitud ${p.ticketNumber}`,
      text: `Gracias. Su solicitud ${p.ticketNumber} ha sido recibida. Le mantendremos informado.`,
    }),
    [NotificationTemplate.Routed]: (p) => ({
      subject: `Su solicitud ${p.ticketNumber} ha sido asignada`,
      text: `Su solicitud ${p.ticketNumber} ha sido asignada a ${p.department ?? 'el departamento responsable'}.`,
    }),
    [NotificationTemplate.StatusChanged]: (p, status) => ({
      subject: `Su solicitud ${p.ticketNumber} está ahora ${status}`,
      text: `El estado de su solicitud ${p.ticketNumber} es ahora: ${status}.`,
    }),
    [NotificationTemplate.PublicNote]: (p) => ({
      subject: `Novedades sobre su solicitud ${p.ticketNumber}`,
      text: `Se añadió una nota a su solicitud ${p.ticketNumber}. Puede leerla donde sigue su solicitud.`,
    }),
    [NotificationTemplate.Closed]: (p) => ({
      subject: `Su solicitud ${p.ticketNumber} está cerrada`,
      text: `Su solicitud ${p.ticketNumber} ha sido cerrada. Gracias por avisarnos.`,
    }),
    [NotificationTemplate.FollowedStatusChanged]: (p, status) => ({
      subject: `La solicitud a la que se unió su reporte, ${p.ticketNumber}, está ahora ${status}`,
      text: `Su reporte se unió a la solicitud ${p.ticketNumber}, sobre el mismo problema. Su estado es ahora: ${status}.`,
    }),
    [NotificationTemplate.FollowedClosed]: (p) => ({
      subject: `La solicitud a la que se unió su reporte, ${p.ticketNumber}, está cerrada`,
      text: `Su reporte se unió a la solicitud ${p.ticketNumber}, sobre el mismo problema. Ha sido cerrada. Gracias por avisarnos.`,
    }),
  },
};

/** The one question a closure notice may ask, before its link. */
const SURVEY_QUESTION: Record<NotificationLanguage, string> = {
  en: 'How satisfied are you with how we handled it? One question, 1 to 5:',
  es: '¿Qué tan satisfecho está con cómo la atendimos? Una pregunta, de 1 a 5:',
};

const SMS_PREFIX = 'Civitas 311: ';

/**
 * The message for one delivery: e-mail gets subject and text, SMS a single short text.
 * `surveyUrl`: the satisfaction survey's link, added to a closure notice that asks the question.
 */
export function renderNotification(
  template: ResidentTemplate,
  language: NotificationLanguage,
  params: TemplateParams,
  channel: NotificationChannel,
  surveyUrl?: string | null,
): RenderedMessage {
  const status = params.status
    ? (STATUS[language][params.status] ?? params.status.toLowerCase())
    : '';
  const base = TEXTS[language][template](params, status);
  const message =
    template === NotificationTemplate.Closed && params.survey && surveyUrl
      ? {
          ...base,
          text: `${base.text}${channel === NotificationChannel.Sms ? ' ' : '\n\n'}${SURVEY_QUESTION[language]} ${surveyUrl}`,
        }
      : base;
  return channel === NotificationChannel.Sms
    ? { subject: message.subject, text: `${SMS_PREFIX}${message.text}` }
    : message;
}

/**
 * The message to a department's escalation mailbox about one overdue case (docs/adr/0067): which
 * request, of which service, due when (in `timeZone`, the office's), and where the department's
 * overdue cases are listed. Staff words, in English; nothing about the resident.
 */
export function renderOverdueNotice(
  params: TemplateParams,
  timeZone: string,
  overdueCasesUrl: string | null,
): RenderedMessage {
  const department = params.departmentName ?? params.departmentCode ?? 'your department';
  const service = params.serviceName ?? params.serviceCode ?? 'a service request';
  const due = params.dueAt
    ? new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
      }).format(new Date(params.dueAt))
    : 'its due time';
  const where = overdueCasesUrl
    ? `All of ${department}'s overdue cases: ${overdueCasesUrl}`
    : `All of ${department}'s overdue cases: the overdueCases query (departmentCode "${params.departmentCode ?? ''}").`;
  return {
    subject: `Overdue: ${params.ticketNumber} (${service}), ${department}`,
    text:
      `Request ${params.ticketNumber} (${service}) of ${department} was due ${due} and is still open. ` +
      `It is escalated: its priority rises one step, up to HIGH.\n\n${where}`,
  };
}
