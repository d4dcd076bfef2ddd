import type { sharedEn } from './en.js';
import type { DeepStringRecord } from './types.js';

export const sharedFr: DeepStringRecord<typeof sharedEn> = {
  common: {
    governmentOfCanada: 'Gouvernement du Canada',
    serviceCanada: 'Service Canada',
    startOver: 'Recommencer',
    back: 'Retour',
    switchLanguage: 'English',
    switchLanguageLabel: 'Display in English',
    languages: { en: 'anglais', fr: 'français' },
  },
  services: {
    'employment-insurance': { name: 'Assurance-emploi', hint: 'Présenter une demande, faire une déclaration ou poser une question' },
    'social-insurance-number': { name: "Numéro d'assurance sociale", hint: 'Obtenir, confirmer ou corriger votre NAS' },
    pensions: {
      name: 'Régime de pensions du Canada et Sécurité de la vieillesse',
      hint: 'Pensions et prestations de retraite',
    },
    passport: { name: 'Passeport', hint: 'Présenter une demande, renouveler ou suivre votre demande' },
    benefits: { name: 'Autres prestations', hint: "Prestations pour les familles, les personnes handicapées et autres" },
    'my-account': { name: 'Mon dossier Service Canada', hint: "Aide pour l'ouverture de session et questions sur le compte" },
  },
  call: {
    mute: 'Couper le micro',
    unmute: 'Rétablir le micro',
    cameraOff: 'Éteindre la caméra',
    cameraOn: 'Allumer la caméra',
    endCall: "Terminer l'appel",
    remoteVideo: "Vidéo de l'autre personne",
    localVideo: 'Votre propre vidéo',
    connecting: 'Connexion de la vidéo…',
    micMuted: 'Votre micro est coupé.',
    cameraIsOff: 'Votre caméra est éteinte.',
    guestVideo: {
      kiosk: 'Vidéo de la personne au kiosque',
      agent: "Vidéo de l'agent qui se joint à l'appel",
      interpreter: "Vidéo de l'interprète",
    },
  },
};
