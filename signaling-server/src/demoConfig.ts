import { randomBytes } from 'node:crypto';
import { LANGUAGES, SERVICE_LINES } from '../../protocol/index.js';
import { generateKioskToken, hashKioskToken } from './auth/kioskTokens.js';
import { hashPassword } from './auth/passwords.js';
import { parseConfig, type ServerConfig } from './config.js';
import { generateFieldKey } from './crypto/fieldCipher.js';

export interface DemoCredentials {
  kioskId: string;
  kioskToken: string;
  agentUsername: string;
  agentPassword: string;
}

export const DEMO_SITE_ID = 'snb-demo';
export const DEMO_KIOSK_ID = 'kiosk-demo-1';
export const DEMO_AGENT_ID = 'agent-demo-1';
export const DEMO_AGENT_USERNAME = 'demo-agent';

/**
 * One site, one kiosk, one agent covering every line in both languages, with fresh
 * random secrets on every call: a demo never ships a known password.
 */
export function createDemoConfig(): { config: ServerConfig; credentials: DemoCredentials } {
  const kioskToken = generateKioskToken();
  const agentPassword = randomBytes(12).toString('base64url');
  const config = parseConfig(
    {
      sites: [{ id: DEMO_SITE_ID, name: 'Service New Brunswick (demo site)' }],
      kiosks: [{ id: DEMO_KIOSK_ID, siteId: DEMO_SITE_ID, tokenSha256: hashKioskToken(kioskToken) }],
      agents: [
        {
          id: DEMO_AGENT_ID,
          username: DEMO_AGENT_USERNAME,
          passwordHash: hashPassword(agentPassword),
          languages: [...LANGUAGES],
          serviceLines: [...SERVICE_LINES],
        },
      ],
      // A fresh field key per demo run: callbacks work, and nothing sealed outlives the process's key.
      callbacks: { key: generateFieldKey() },
    },
    'demo config',
  );
  return {
    config,
    credentials: { kioskId: DEMO_KIOSK_ID, kioskToken, agentUsername: DEMO_AGENT_USERNAME, agentPassword },
  };
}
