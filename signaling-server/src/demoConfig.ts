import { randomBytes } from 'node:crypto';
import { INTERPRETER_LANGUAGES, LANGUAGES, SERVICE_LINES } from '../../protocol/index.js';
import { generateKioskToken, hashKioskToken } from './auth/kioskTokens.js';
import { hashPassword } from './auth/passwords.js';
import { parseConfig, type ServerConfig } from './config.js';
import { generateFieldKey } from './crypto/fieldCipher.js';

/** A person's demo sign-in, printed once at start. */
export interface DemoLogin {
  username: string;
  password: string;
}

export interface DemoCredentials {
  kioskId: string;
  kioskToken: string;
  agentUsername: string;
  agentPassword: string;
  interpreter: DemoLogin;
  staff: DemoLogin;
  admin: DemoLogin;
}

export const DEMO_SITE_ID = 'snb-demo';
export const DEMO_KIOSK_ID = 'kiosk-demo-1';
export const DEMO_AGENT_ID = 'agent-demo-1';
export const DEMO_AGENT_USERNAME = 'demo-agent';
export const DEMO_INTERPRETER_USERNAME = 'demo-interpreter';
export const DEMO_STAFF_USERNAME = 'demo-staff';
export const DEMO_ADMIN_USERNAME = 'demo-admin';

const newPassword = () => randomBytes(12).toString('base64url');

/**
 * One site, one kiosk, one agent covering every line in both languages, an interpreter, a staff
 * member of the site and an administrator, with fresh random secrets on every call: a demo never
 * ships a known password.
 */
export function createDemoConfig(): { config: ServerConfig; credentials: DemoCredentials } {
  const kioskToken = generateKioskToken();
  const agentPassword = newPassword();
  const interpreter = { username: DEMO_INTERPRETER_USERNAME, password: newPassword() };
  const staff = { username: DEMO_STAFF_USERNAME, password: newPassword() };
  const admin = { username: DEMO_ADMIN_USERNAME, password: newPassword() };
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
      interpreters: [
        {
          id: 'interpreter-demo-1',
          username: interpreter.username,
          passwordHash: hashPassword(interpreter.password),
          languages: [...LANGUAGES],
          interpreterLanguages: [...INTERPRETER_LANGUAGES],
        },
      ],
      staff: [{ id: 'staff-demo-1', username: staff.username, passwordHash: hashPassword(staff.password), siteId: DEMO_SITE_ID }],
      administrators: [{ id: 'admin-demo-1', username: admin.username, passwordHash: hashPassword(admin.password) }],
      // A fresh field key per demo run: callbacks work, and nothing sealed outlives the process's key.
      callbacks: { key: generateFieldKey() },
      // Same for the enrolment code key: codes issued with `kiosk-admin issue-code --server` work this run only.
      enrolment: { key: generateFieldKey() },
    },
    'demo config',
  );
  return {
    config,
    credentials: { kioskId: DEMO_KIOSK_ID, kioskToken, agentUsername: DEMO_AGENT_USERNAME, agentPassword, interpreter, staff, admin },
  };
}
