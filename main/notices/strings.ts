/**
 * The few sentences the main process shows a person itself, without the React app or i18next: the
 * out-of-service page (shown when the app is broken), the enrolment notices and the bad-config dialog. Both languages always
 * appear together, English first, as on federal signage. French is typed against English, so a missing
 * French sentence fails the typecheck.
 */
const en = {
  outOfServiceTitle: 'Out of service',
  outOfServiceBody: 'Please see staff.',
  badConfigTitle: 'Kiosk cannot start',
  badConfigBody: 'The kiosk configuration is not valid. Please contact technical support.',
  badConfigDetail: 'Technical detail:',
  notEnrolledTitle: 'Kiosk not enrolled',
  enrolmentRefusedBody: 'The enrolment code was not accepted. Please ask the administrator for a new code.',
  serverUnreachableBody: 'The kiosk could not reach the server to enrol. Check the network connection, then restart the kiosk.',
  secureStorageTitle: 'Kiosk cannot start',
  secureStorageBody: "This computer cannot store the kiosk's credentials securely. Please contact technical support.",
} as const;

const fr: Record<keyof typeof en, string> = {
  outOfServiceTitle: 'Hors service',
  outOfServiceBody: 'Veuillez vous adresser au personnel.',
  badConfigTitle: 'Le kiosque ne peut pas démarrer',
  badConfigBody: "La configuration du kiosque n'est pas valide. Veuillez communiquer avec le soutien technique.",
  badConfigDetail: 'Détail technique :',
  notEnrolledTitle: 'Kiosque non inscrit',
  enrolmentRefusedBody: "Le code d'inscription n'a pas été accepté. Veuillez demander un nouveau code à l'administrateur.",
  serverUnreachableBody: "Le kiosque n'a pas pu joindre le serveur pour s'inscrire. Vérifiez la connexion réseau, puis redémarrez le kiosque.",
  secureStorageTitle: 'Le kiosque ne peut pas démarrer',
  secureStorageBody: 'Cet ordinateur ne peut pas conserver les identifiants du kiosque de façon sécurisée. Veuillez communiquer avec le soutien technique.',
};

export type NoticeKey = keyof typeof en;
export type NoticeLanguage = 'en' | 'fr';
export const NOTICE_LANGUAGES: readonly NoticeLanguage[] = ['en', 'fr'];
export const NOTICE_STRINGS: Readonly<Record<NoticeLanguage, Readonly<Record<NoticeKey, string>>>> = { en, fr };

/** "English / Français": for places that hold one line only, such as a dialog title. */
export function bothLanguages(key: NoticeKey): string {
  return `${NOTICE_STRINGS.en[key]} / ${NOTICE_STRINGS.fr[key]}`;
}
