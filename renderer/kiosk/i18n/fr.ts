import type { DeepStringRecord } from '../../shared/i18n/types.js';
import type { kioskEn } from './en.js';

export const kioskFr: DeepStringRecord<typeof kioskEn> = {
  welcome: {
    greeting: 'Bonjour',
    intro: "Obtenez de l'aide pour les services du gouvernement du Canada, par vidéo avec un agent de Service Canada.",
    start: 'Touchez pour commencer',
  },
  language: {
    title: 'Choisissez votre langue',
  },
  service: {
    title: 'Comment pouvons-nous vous aider?',
    subtitle: 'Choisissez un service.',
  },
  confirm: {
    title: 'Parler à un agent par vidéo',
    body: 'Un agent de Service Canada peut vous aider pour : {{service}}.',
    cameraNote: "La caméra s'allume seulement pendant l'appel. Rien n'est enregistré.",
    talk: 'Parler à un agent',
    preparing: 'Activation de la caméra et du micro…',
  },
  waiting: {
    title: 'Veuillez attendre un agent',
    joining: "Inscription dans la file d'attente…",
    position: 'Vous êtes le numéro {{position}} dans la file',
    next: 'Vous êtes le prochain dans la file.',
    waited: "Temps d'attente : {{time}}",
    leave: 'Quitter la file',
    yourService: 'Service : {{service}}',
  },
  kioskCall: {
    title: 'Appel vidéo avec un agent de Service Canada',
  },
  thanks: {
    callEndedTitle: 'Merci de votre visite',
    callEndedBody: 'Votre appel est terminé.',
    leftQueueTitle: "Vous avez quitté la file d'attente",
    leftQueueBody: 'Vous pouvez recommencer en tout temps.',
    connectionLostTitle: 'Nous sommes désolés : la connexion a été perdue',
    connectionLostBody: "Veuillez réessayer ou demander l'aide d'un membre du personnel.",
    mediaUnavailableTitle: 'Nous sommes désolés : la caméra ou le micro ne fonctionne pas',
    mediaUnavailableBody: "Veuillez demander l'aide d'un membre du personnel.",
    serviceUnavailableTitle: "Nous sommes désolés : le service vidéo n'est pas disponible pour le moment",
    serviceUnavailableBody: "Veuillez réessayer plus tard ou demander l'aide d'un membre du personnel.",
    privacy: "Aucune donnée de votre visite ne reste sur cette borne.",
    returning: "Cet écran reviendra au début dans quelques secondes.",
    done: 'Terminer',
  },
};
