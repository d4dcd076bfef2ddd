import { createHmac } from 'node:crypto';
import type { IceServer, IceTransportPolicy } from '../../../protocol/index.js';
import type { TurnConfig } from './turnConfig.js';

export interface TurnCredentials {
  /** `<unix expiry seconds>:<client id>`: coturn reads the expiry before the first colon. */
  username: string;
  /** base64(HMAC-SHA1(secret, username)), as coturn's `use-auth-secret` computes it. */
  credential: string;
  /** When coturn starts refusing them (ms since epoch, a whole second). */
  expiresAtMs: number;
}

/**
 * The "TURN REST API" scheme (draft-uberti-behave-turn-rest): nothing is stored per client,
 * coturn recomputes the HMAC from the username and refuses it once the expiry has passed.
 */
export function mintTurnCredentials(turn: Pick<TurnConfig, 'secret' | 'ttlSeconds'>, clientId: string, nowMs: number): TurnCredentials {
  const expirySeconds = Math.floor(nowMs / 1000) + turn.ttlSeconds;
  const username = `${expirySeconds}:${clientId}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { username, credential, expiresAtMs: expirySeconds * 1000 };
}

export interface IceSettings {
  iceServers: IceServer[];
  iceTransportPolicy?: IceTransportPolicy;
}

export interface IceSettingsSource {
  iceServers: readonly IceServer[];
  turn?: TurnConfig | undefined;
  iceTransportPolicy?: IceTransportPolicy | undefined;
}

/** What one authenticated client receives in `welcome`: the static servers, then its own TURN entry. */
export function iceSettingsFor(config: IceSettingsSource, clientId: string, nowMs: number): IceSettings {
  const iceServers = config.iceServers.map((server) => ({ ...server }));
  if (config.turn) {
    const { username, credential } = mintTurnCredentials(config.turn, clientId, nowMs);
    iceServers.push({ urls: [...config.turn.urls], username, credential });
  }
  return config.iceTransportPolicy ? { iceServers, iceTransportPolicy: config.iceTransportPolicy } : { iceServers };
}
