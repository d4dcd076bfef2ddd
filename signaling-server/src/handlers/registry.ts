import { adminHandlers } from './adminHandlers.js';
import { callbackHandlers } from './callbackHandlers.js';
import { callHandlers } from './callHandlers.js';
import { callPartyHandlers } from './callPartyHandlers.js';
import { deviceHandlers } from './deviceHandlers.js';
import type { HandlerRegistry } from './handlerTypes.js';
import { helpHandlers } from './helpHandlers.js';
import { inCallHandlers } from './inCallHandlers.js';
import { presenceHandlers } from './presenceHandlers.js';
import { queueHandlers } from './queueHandlers.js';
import { signalHandlers } from './signalHandlers.js';
import { staffHandlers } from './staffHandlers.js';

/** One entry per message type: the compiler fails if a type has no handler. */
// Built once at start, so the spreads cost nothing per message; they keep the compiler's check.
// eslint-disable-next-line no-restricted-syntax
export const HANDLERS: HandlerRegistry = {
  ...queueHandlers,
  ...presenceHandlers,
  ...callHandlers,
  ...callPartyHandlers,
  ...signalHandlers,
  ...helpHandlers,
  ...inCallHandlers,
  ...callbackHandlers,
  ...deviceHandlers,
  ...staffHandlers,
  ...adminHandlers,
};
