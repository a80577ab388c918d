import { describe, expect, it } from '@jest/globals';
import {
  NotificationChannel,
  NotificationTemplate,
  notificationLanguage,
  renderNotification,
  renderOverdueNotice,
  type ResidentTemplate,
} from './templates.js';

describe('notification templates', () => {
  it('tells a Spanish speaker in Spanish, with the status in words', () => {
    const message = renderNotification(
      NotificationTemplate.StatusChanged,
      'es',
      { ticketNumber: 'SR-2026-0000042', status: 'IN_PROGRESS' },
      NotificationChannel.Email,
    );
    expect(message.subject).toBe('Su solicitud SR-2026-0000042 está ahora en curso');
    expect(message.text).toContain('en curso');
  });

  it('names the department a request was assigned to', () => {
    const message = renderNotification(
      NotificationTemplate.Routed,
      'en',
      { ticketNumber: 'SR-1', department: 'streets' },
      NotificationChannel.Email,
    );
    expect(message.text).toBe('Your request SR-1 has been assigned to streets.');
  });

  it('has every template in English and Spanish', () => {
    const forResidents = Object.values(NotificationTemplate).filter(
      (t): t is ResidentTemplate => t !== NotificationTemplate.Overdue,
    );
    for (const template of forResidents) {
      const en = renderNotification(
        template,
        'en',
        { ticketNumber: 'SR-9' },
        NotificationChannel.Email,
      );
      const es = renderNotification(
        template,
        'es',
        { ticketNumber: 'SR-9' },
        NotificationChannel.Email,
      );
      expect(en.text).toContain('SR-9');
      expect(es.text).toContain('SR-9');
      expect(es.text).not.toBe(en.text);
    }
  });

  it('signs an SMS so the resident knows who writes', () => {
    const sms = renderNotification(
      NotificationTemplate.Closed,
      'en',
      { ticketNumber: 'SR-3' },
      NotificationChannel.Sms,
    );
    expect(sms.text).toBe(
      'Civitas 311: Your request SR-3 has been closed. Thank you for letting us know.',
    );
  });

  it('asks the survey question with its link in a closure notice that carries one, in the language', () => {
    const url = 'https://311.example.gov/survey?token=t&lang=es';
    const mail = renderNotification(
      NotificationTemplate.Closed,
      'es',
      { ticketNumber: 'SR-4', survey: true },
      NotificationChannel.Email,
      url,
    );
    expect(mail.text).toBe(
      `Su solicitud SR-4 ha sido cerrada. Gracias por avisarnos.\n\n¿Qué tan satisfecho está con cómo la atendimos? Una pregunta, de 1 a 5: ${url}`,
    );
    const sms = renderNotification(
      NotificationTemplate.Closed,
      'en',
      { ticketNumber: 'SR-4', survey: true },
      NotificationChannel.Sms,
      url,
    );
    expect(sms.text).toBe(
      `Civitas 311: Your request SR-4 has been closed. Thank you for letting us know. How satisfied are you with how we handled it? One question, 1 to 5: ${url}`,
    );
    // Without the question (a duplicate's closure) or without a link, nothing is asked.
    for (const [params, link] of [
      [{ ticketNumber: 'SR-4' }, url],
      [{ ticketNumber: 'SR-4', survey: true }, null],
    ] as const) {
      expect(
        renderNotification(
          NotificationTemplate.Closed,
          'en',
          params,
          NotificationChannel.Email,
          link,
        ).text,
      ).toBe('Your request SR-4 has been closed. Thank you for letting us know.');
    }
  });

  it('reads the language from a BCP 47 tag and falls back to English', () => {
    expect(notificationLanguage('es-MX')).toBe('es');
    expect(notificationLanguage('ES')).toBe('es');
    expect(notificationLanguage('fr')).toBe('en');
    expect(notificationLanguage(null)).toBe('en');
  });

  it("tells a department's mailbox which case is overdue, due when in the office's time, and where the list is", () => {
    const params = {
      ticketNumber: 'SR-12',
      departmentCode: 'streets',
      departmentName: 'Streets',
      serviceCode: 'pothole',
      serviceName: 'Pothole',
      dueAt: '2026-12-07T14:30:00.000Z',
    };
    const linked = renderOverdueNotice(
      params,
      'America/New_York',
      'https://staff.example.test/overdue?departmentCode=streets',
    );
    expect(linked.subject).toBe('Overdue: SR-12 (Pothole), Streets');
    expect(linked.text).toMatch(
      /^Request SR-12 \(Pothole\) of Streets was due Dec 7, 2026, 9:30\sAM EST/,
    );
    expect(linked.text).toContain('https://staff.example.test/overdue?departmentCode=streets');
    const unlinked = renderOverdueNotice(params, 'UTC', null);
    expect(unlinked.text).toMatch(/due Dec 7, 2026, 2:30\sPM UTC/);
    expect(unlinked.text).toContain('the overdueCases query (departmentCode "streets")');
  });
});
