import type { Page } from 'playwright-core';

/**
 * Drives the kiosk like a visitor who wants an agent, whatever questions the kiosk asks on
 * the way: it presses the obvious "forward" button of each screen, answers triage questions
 * depth-first, and backs out of answers that end without an agent. Answers that led nowhere
 * are remembered, so later visits (the same `VisitorMemory`) go straight through.
 */
export interface VisitorMemory {
  deadEnds: Set<string>;
}

export const newVisitorMemory = (): VisitorMemory => ({ deadEnds: new Set() });

/** Buttons that move a visit forward, in the order a keen visitor presses them. */
const FORWARD = ['idle-stay', 'start', 'lang-en', 'accept-privacy', 'outcome-talk', 'service-passport', 'talk-to-agent'];
/** Buttons that finish a visit and bring the welcome screen back. */
const FINISH = ['idle-stay', 'skip-survey', 'done'];
const POLL_MS = 20;

async function visibleTestIds(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-testid]'))
      .filter((el) => el.offsetParent !== null || el.getClientRects().length > 0)
      .filter((el) => !(el as HTMLButtonElement).disabled)
      .map((el) => el.dataset.testid!),
  );
}

async function press(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).first().click({ timeout: 2_000 }).catch(() => undefined);
}

export async function visitUntilWaiting(page: Page, memory: VisitorMemory, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastAnswer: string | undefined;
  while (Date.now() < deadline) {
    const ids = await visibleTestIds(page);
    if (ids.includes('screen-waiting')) return;
    const forward = FORWARD.find((id) => ids.includes(id));
    if (forward) {
      await press(page, forward);
      continue;
    }
    const options = ids.filter((id) => id.startsWith('option-') || id.startsWith('alternative-'));
    const fresh = options.filter((id) => !memory.deadEnds.has(id));
    const choice = fresh.find((id) => /passport/.test(id)) ?? fresh[0];
    if (choice) {
      lastAnswer = choice;
      await press(page, choice);
      continue;
    }
    if (ids.some((id) => id.startsWith('screen-outcome') || id.startsWith('screen-triage')) && ids.includes('back')) {
      // Nothing here leads to an agent: remember the answer that brought us here, go back.
      if (lastAnswer) memory.deadEnds.add(lastAnswer);
      lastAnswer = undefined;
      await press(page, 'back');
      continue;
    }
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
  throw new Error(`the kiosk did not reach the waiting screen within ${timeoutMs} ms`);
}

/** From any end-of-visit screen back to welcome (survey skipped, thanks dismissed). */
export async function finishVisit(page: Page, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ids = await visibleTestIds(page);
    if (ids.includes('screen-welcome')) return;
    const finish = FINISH.find((id) => ids.includes(id));
    if (finish) await press(page, finish);
    else await new Promise((done) => setTimeout(done, POLL_MS));
  }
  throw new Error(`the kiosk did not return to its welcome screen within ${timeoutMs} ms`);
}
