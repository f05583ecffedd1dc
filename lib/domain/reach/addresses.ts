// A person's phone number and email address as the pages address them.

/** E.164 after removing the separators people type: "+82 10-1234-5678" → "+821012345678". */
export const normalizePhone = (phone: string) => phone.replace(/[\s\-().]/g, "");
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
