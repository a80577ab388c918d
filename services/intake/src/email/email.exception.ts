/**
 * A message refused in the SMTP conversation, with the reply code and enhanced status the relay
 * sees: 5xx for what is not mail we can take (it will not be retried), 4xx for a moment's trouble
 * on our side (the relay retries).
 */
export class SmtpRejection extends Error {
  constructor(
    readonly responseCode: number,
    readonly enhancedStatus: string,
    reason: string,
  ) {
    super(`${enhancedStatus} ${reason}`);
    this.name = 'SmtpRejection';
  }

  static notMail(reason: string): SmtpRejection {
    return new SmtpRejection(550, '5.6.0', reason);
  }

  static badSender(reason: string): SmtpRejection {
    return new SmtpRejection(550, '5.1.7', reason);
  }

  static tooBig(limitBytes: number): SmtpRejection {
    return new SmtpRejection(
      552,
      '5.3.4',
      `Message too big: the limit is ${Math.round(limitBytes / 1_048_576)} MB`,
    );
  }

  static tryLater(reason: string): SmtpRejection {
    return new SmtpRejection(451, '4.3.0', reason);
  }
}
