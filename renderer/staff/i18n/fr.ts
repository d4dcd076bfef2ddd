import type { DeepStringRecord } from '../../shared/i18n/types.js';
import type { staffEn } from './en.js';

export const staffFr: DeepStringRecord<typeof staffEn> = {
  staffApp: {
    title: 'Console du personnel du site',
    signOut: 'Se déconnecter',
    reconnecting: 'Connexion perdue. Reconnexion en cours… L’affichage n’est peut-être plus à jour.',
  },
  staffLogin: {
    title: 'Console du personnel du site',
    subtitle: 'Connectez-vous pour voir les bornes de votre bureau et les visiteurs qui demandent de l’aide.',
    username: 'Nom d’utilisateur',
    password: 'Mot de passe',
    submit: 'Se connecter',
    signingIn: 'Connexion…',
    errors: {
      AUTH_FAILED: 'Le nom d’utilisateur ou le mot de passe n’a pas été accepté.',
      connection: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
      other: 'La connexion a échoué. Réessayez.',
      connectionLost: 'La connexion au serveur a été perdue. Connectez-vous de nouveau.',
    },
  },
  staffHelp: {
    title: 'Visiteurs qui demandent de l’aide',
    none: 'Personne ne demande d’aide pour le moment.',
    kiosk: 'Borne {{kioskId}}',
    waiting: 'Attend depuis {{duration}} (minutes:secondes)',
    onScreen: 'À l’écran : {{step}}',
    comingYou: 'Vous avez indiqué que vous arrivez.',
    comingColleague: 'Un collègue est en route.',
    acknowledge: 'J’arrive',
    resolve: 'Visiteur aidé',
    steps: {
      welcome: 'Accueil',
      language: 'Choix de la langue',
      privacy: 'Avis de confidentialité',
      triage: 'Réponses aux questions',
      outcome: 'Aide suggérée',
      confirm: 'Confirmation de la demande',
      waiting: 'Attente d’un agent',
      call: 'En appel vidéo',
      survey: 'Sondage',
      thanks: 'Fin de la visite',
    },
    problems: {
      gone: 'Cette demande a déjà été fermée par un collègue, ou elle a expiré.',
      other: 'L’action n’a pas abouti. Réessayez.',
    },
  },
  staffKiosks: {
    title: 'Bornes de ce bureau',
    none: 'Aucune borne n’est inscrite pour ce bureau.',
    kiosk: 'Borne {{kioskId}}',
    connection: {
      online: 'Connectée en ce moment',
      reconnecting: 'Connexion perdue, reconnexion en cours',
      offline: 'Non connectée (normal entre les visiteurs)',
    },
    lastSeen: 'Dernier contact à {{time}}',
    neverSeen: 'Aucun contact depuis le démarrage du serveur.',
    silent: 'Silencieuse depuis plus de 25 minutes : vérifiez que la borne est allumée et en ligne.',
    activity: {
      idle: 'Ni appel ni file d’attente (peut être en usage)',
      waiting: 'Visiteur en attente : rang {{position}} dans la file, depuis {{duration}}',
      'in-call': 'En appel vidéo',
    },
    outOfService: 'Hors service : la borne affiche sa page hors service.',
    devicesTitle: 'Appareils',
    devicesUnknown: 'Aucune vérification des appareils reçue pour l’instant.',
    checkedAt: 'vérifié à {{time}}',
    devices: {
      camera: 'Caméra',
      microphone: 'Microphone',
      speaker: 'Haut-parleur',
    },
    deviceStates: {
      ok: 'OK',
      missing: 'Absent',
      blocked: 'Bloqué',
      unknown: 'Inconnu',
    },
  },
};
