/** Kiosk screens, one namespace per feature. */
export const kioskEn = {
  welcome: {
    greeting: 'Hello',
    intro: 'Get help with Government of Canada services, by video with a Service Canada agent.',
    start: 'Touch to start',
  },
  language: {
    title: 'Choose your language',
  },
  service: {
    title: 'What can we help you with?',
    subtitle: 'Choose one service.',
  },
  confirm: {
    title: 'Talk to an agent by video',
    body: 'A Service Canada agent can help you with: {{service}}.',
    cameraNote: 'The camera turns on only for the call. Nothing is recorded.',
    talk: 'Talk to an agent',
    preparing: 'Turning on the camera and microphone…',
  },
  waiting: {
    title: 'Please wait for an agent',
    joining: 'Joining the line…',
    position: 'You are number {{position}} in line',
    next: 'You are next in line.',
    waited: 'Time waited: {{time}}',
    leave: 'Leave the line',
    yourService: 'Service: {{service}}',
  },
  kioskCall: {
    title: 'Video call with a Service Canada agent',
  },
  thanks: {
    callEndedTitle: 'Thank you for visiting',
    callEndedBody: 'Your call has ended.',
    leftQueueTitle: 'You left the line',
    leftQueueBody: 'You can start again at any time.',
    connectionLostTitle: 'We are sorry: the connection was lost',
    connectionLostBody: 'Please try again, or ask a staff member for help.',
    mediaUnavailableTitle: 'We are sorry: the camera or microphone is not working',
    mediaUnavailableBody: 'Please ask a staff member for help.',
    serviceUnavailableTitle: 'We are sorry: video service is not available right now',
    serviceUnavailableBody: 'Please try again later, or ask a staff member for help.',
    privacy: 'Nothing from your visit stays on this kiosk.',
    returning: 'This screen returns to the start in a few seconds.',
    done: 'Finish',
  },
};
