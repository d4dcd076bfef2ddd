/** Strings shared by every app: common chrome, service names, call controls. */
export const sharedEn = {
  common: {
    governmentOfCanada: 'Government of Canada',
    serviceCanada: 'Service Canada',
    startOver: 'Start over',
    back: 'Back',
    switchLanguage: 'Français',
    switchLanguageLabel: 'Afficher en français',
    languages: { en: 'English', fr: 'French' },
  },
  services: {
    'employment-insurance': { name: 'Employment Insurance', hint: 'Apply, report or ask about a claim' },
    'social-insurance-number': { name: 'Social Insurance Number', hint: 'Get, confirm or correct your SIN' },
    pensions: {
      name: 'Canada Pension Plan and Old Age Security',
      hint: 'Pensions and retirement benefits',
    },
    passport: { name: 'Passport', hint: 'Apply, renew or check your application' },
    benefits: { name: 'Other benefits', hint: 'Family, disability and other benefits' },
    'my-account': { name: 'My Service Canada Account', hint: 'Sign-in help and account questions' },
  },
  call: {
    mute: 'Mute',
    unmute: 'Unmute',
    cameraOff: 'Turn camera off',
    cameraOn: 'Turn camera on',
    endCall: 'End call',
    remoteVideo: 'Video of the other person',
    localVideo: 'Your own video',
    connecting: 'Connecting the video…',
    micMuted: 'Your microphone is muted.',
    cameraIsOff: 'Your camera is off.',
    guestVideo: {
      kiosk: 'Video of the visitor',
      agent: 'Video of the agent joining the call',
      interpreter: 'Video of the interpreter',
    },
  },
};
