/** A message as the notification channels send it. */
export interface RenderedMessage {
  subject: string;
  text: string;
}

/** What the messages of contact verification say, in the languages notifications speak. */
type Language = 'en' | 'es';

export function messageLanguage(tag: string | null | undefined): Language {
  return (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] === 'es' ? 'es' : 'en';
}

/** `minutes`: how long the code lasts (VERIFICATION_CODE_TTL_MINUTES). */
export function contactCodeMessage(
  language: Language,
  code: string,
  minutes: number,
): RenderedMessage {
  return language === 'es'
    ? {
        subject: 'Su código de verificación de Civitas 311',
        text: `Su código es ${code}. Introdúzcalo para añadir esta dirección a su perfil de Civitas 311. Caduca en ${minutes} minutos. Si no lo ha pedido, ignore este mensaje: nada cambia mientras no se introduzca el código. No dé este código a nadie que le llame.`,
      }
    : {
        subject: 'Your Civitas 311 verification code',
        text: `Your code is ${code}. Enter it to add this address to your Civitas 311 profile. It expires in ${minutes} minutes. If you did not ask for it, ignore this message: nothing changes unless the code is entered. Never give this code to anyone who calls you.`,
      };
}

/** To the resident who already has the contact point someone else is claiming. */
export function claimNoticeMessage(language: Language, kind: 'EMAIL' | 'PHONE'): RenderedMessage {
  if (language === 'es') {
    const what = kind === 'EMAIL' ? 'Esta dirección de correo' : 'Este número de teléfono';
    return {
      subject: 'Otra persona ha pedido añadir su contacto a su perfil',
      text: `${what} figura en su perfil de Civitas 311. Otro perfil acaba de pedir añadirlo. Solo se añadirá si se introduce el código enviado en otro mensaje. Si no sabe por qué, no dé ese código a nadie; su perfil y sus solicitudes no cambian.`,
    };
  }
  const what = kind === 'EMAIL' ? 'This e-mail address' : 'This phone number';
  return {
    subject: 'Someone asked to add your contact details to their profile',
    text: `${what} is on your Civitas 311 resident profile. Another profile has just asked to add it. It is added there only if the code sent in a separate message is entered. If you do not know why, do not give that code to anyone; your profile and your requests are unchanged.`,
  };
}

export function loginLinkCodeMessage(
  language: Language,
  code: string,
  minutes: number,
): RenderedMessage {
  return language === 'es'
    ? {
        subject: 'Código para vincular su acceso a Civitas 311',
        text: `Un empleado está vinculando un acceso a su perfil de Civitas 311. Si está hablando con él y lo ha pedido, dígale este código: ${code}. Caduca en ${minutes} minutos. Si no lo ha pedido, no se lo dé a nadie.`,
      }
    : {
        subject: 'Code to link a sign-in to your Civitas 311 profile',
        text: `A member of staff is linking a sign-in to your Civitas 311 profile. If you are speaking with them and asked for this, read them this code: ${code}. It expires in ${minutes} minutes. If you did not ask, do not give it to anyone.`,
      };
}
