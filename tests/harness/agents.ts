import type { Page } from 'playwright-core';

/** An agent's sign-in, for tests that need more than the harness's one AGENT. */
export interface AgentLogin {
  username: string;
  password: string;
}

/** Signs this agent in on the console and goes available, ready for offers. */
export async function signInAvailableAs(agent: Page, agentUrl: string, login: AgentLogin): Promise<void> {
  await agent.goto(agentUrl);
  await agent.getByTestId('login-username').fill(login.username);
  await agent.getByTestId('login-password').fill(login.password);
  await agent.getByTestId('login-submit').click();
  await agent.getByTestId('go-available').click();
  await agent.getByTestId('agent-state').filter({ hasText: /^(Available|Disponible)$/ }).waitFor();
}
