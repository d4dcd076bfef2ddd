/** The signaling server's public surface: everything outside this folder imports from here. */
export { createServer, WEBSOCKET_PATH } from './server.js';
export type { CreateServerOptions, KioskServer } from './server.js';
export { openSqliteStore, SQLITE_FILE_NAME } from './store/sqliteStore.js';
export { createMemoryStore } from './store/memoryStore.js';
export { hashPassword, verifyPassword } from './auth/passwords.js';
export { hashKioskToken, generateKioskToken } from './auth/kioskTokens.js';
export { loadConfig, parseConfig, DEFAULT_HEARTBEAT_INTERVAL_MS, DEFAULT_OFFER_TIMEOUT_MS } from './config.js';
export { createDemoConfig } from './demoConfig.js';
export type { DemoCredentials } from './demoConfig.js';
export { systemClock } from './clock.js';
export { createLogger, silentLogger } from './logger.js';
export type { Logger, LogLevel } from './logger.js';
export { startFromEnvironment } from './startFromEnvironment.js';
export type { StartedServer } from './startFromEnvironment.js';
export { CLOSE_CODES } from './closeCodes.js';
export type { ServerConfig, ServerConfigInput } from './config.js';
export type { Store, VisitRecord } from './store/store.js';
export type { Clock } from './clock.js';
