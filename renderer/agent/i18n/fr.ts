import type { DeepStringRecord } from '../../shared/i18n/types.js';
import type { agentEn } from './en.js';

export const agentFr: DeepStringRecord<typeof agentEn> = {
  login: {
    title: "Console de l'agent",
    subtitle: 'Ouvrez une session pour recevoir les appels vidéo des bornes.',
    username: "Nom d'utilisateur",
    password: 'Mot de passe',
    submit: 'Ouvrir une session',
    signingIn: 'Ouverture de session…',
    errors: {
      AUTH_FAILED: "Le nom d'utilisateur ou le mot de passe n'a pas été accepté.",
      connection: "Le serveur est injoignable. Vérifiez votre connexion et réessayez.",
      other: "L'ouverture de session a échoué. Réessayez.",
      connectionLost: 'La connexion au serveur a été perdue. Ouvrez une nouvelle session.',
    },
  },
  status: {
    heading: 'Votre statut',
    states: {
      connecting: 'Connexion',
      away: 'Absent',
      available: 'Disponible',
      offered: 'Appel entrant',
      'in-call': 'En appel',
      'wrap-up': "Fin d'appel",
    },
    goAvailable: 'Me rendre disponible',
    goAway: "M'absenter",
    signOut: 'Fermer la session',
    mediaPreparing: 'Activation de votre caméra et de votre micro…',
    mediaReady: 'Caméra et micro prêts.',
    mediaError: "Votre caméra ou votre micro n'est pas disponible. Vérifiez l'autorisation du navigateur, puis ouvrez une nouvelle session.",
    waitingForCalls: "En attente d'un visiteur.",
    awayHint: "Vous ne recevrez pas d'appels pendant votre absence.",
  },
  offer: {
    title: 'Appel vidéo entrant',
    service: 'Service',
    language: 'Langue',
    waited: 'Attente',
    accept: 'Accepter',
    decline: 'Refuser',
    withdrawn: "Le visiteur n'attend plus.",
  },
  triageSummary: {
    title: 'Ce que le visiteur a indiqué à la borne',
    interpreter: 'Le visiteur a demandé un interprète (écrans en {{language}}).',
    outcome: 'Aide proposée',
    version: 'Catalogue de triage {{version}}',
  },
  agentCall: {
    title: 'Appel vidéo',
    details: '{{service}} · {{language}}',
  },
  wrapup: {
    title: "Fin d'appel",
    prompt: "Comment l'appel s'est-il terminé?",
    outcomes: {
      resolved: 'Résolu',
      referred: 'Aiguillé ailleurs',
      'follow-up': 'Suivi nécessaire',
      callback: 'Rappel prévu',
      abandoned: 'Le visiteur est parti',
      'technical-failure': 'Problème technique',
    },
  },
};
