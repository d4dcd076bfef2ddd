import type { Page } from 'playwright-core';
import type { InterpreterLanguage, Language } from '../../protocol/index.js';
import { AGENT } from './server.js';

/**
 * The shortest real path from the welcome screen to a place in the agent queue, through the
 * default catalogue (passport, urgent → talk to an agent). Shared so that a change to the flow is
 * made once for every test and benchmark that needs a queued visitor.
 */
export async function queueVisitorForAgent(kiosk: Page, language: Language, interpreterLanguage?: InterpreterLanguage): Promise<void> {
  await kiosk.getByTestId('start').click();
  if (interpreterLanguage) {
    await kiosk.getByTestId('interpreter').click();
    await kiosk.getByTestId(`interpreter-${interpreterLanguage}`).click();
  }
  await kiosk.getByTestId(`lang-${language}`).click();
  await kiosk.getByTestId('accept-privacy').click();
  await kiosk.getByTestId('option-passport').click();
  await kiosk.getByTestId('option-urgent').click();
  await kiosk.getByTestId('outcome-talk').click();
  await kiosk.getByTestId('talk-to-agent').click();
  await kiosk.getByTestId('screen-waiting').waitFor();
}

/** Signs a person in on the agent console (the test agent unless told), without going available. */
export async function signInAgent(
  agent: Page,
  agentUrl: string,
  who: { username: string; password: string; role?: 'agent' | 'interpreter' } = AGENT,
): Promise<void> {
  await agent.goto(agentUrl);
  await agent.getByTestId(`login-role-${who.role ?? 'agent'}`).check();
  await agent.getByTestId('login-username').fill(who.username);
  await agent.getByTestId('login-password').fill(who.password);
  await agent.getByTestId('login-submit').click();
  await agent.getByTestId('go-available').waitFor();
}

/** The agent signs in, goes available and accepts the visitor the server offers first. */
export async function acceptNextVisitor(agent: Page, agentUrl: string): Promise<void> {
  await signInAgent(agent, agentUrl);
  await agent.getByTestId('go-available').click();
  await agent.getByTestId('offer').waitFor();
  await agent.getByTestId('accept').click();
}

/** Viewports of the two sides: a portrait kiosk screen and an agent's desktop. */
export const KIOSK_VIEWPORT = { width: 1080, height: 1920 } as const;
export const AGENT_VIEWPORT = { width: 1440, height: 900 } as const;
