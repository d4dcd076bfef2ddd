// Small stand-ins for the parts of Electron our code touches, for vi.mock('electron', …) in unit tests.
// They record what our code asked for and let a test fire the events Electron would fire.
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((listener) => listener(...args));
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Electron-style event: records preventDefault. */
export function fakeEvent<T extends object>(fields: T = {} as T): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => unknown) => {
    this.windowOpenHandler = handler;
  });
  closeDevTools = vi.fn();
  /** Electron answers with render-process-gone (reason 'killed'); a test fires that itself when it wants it. */
  forcefullyCrashRenderer = vi.fn();
}

export class FakeSession extends FakeEmitter {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  setPermissionRequestHandler = vi.fn((handler: Listener | null) => void (this.permissionRequestHandler = handler));
  setPermissionCheckHandler = vi.fn((handler: Listener | null) => void (this.permissionCheckHandler = handler));
  setDevicePermissionHandler = vi.fn((handler: Listener | null) => void (this.devicePermissionHandler = handler));
  clearStorageData = vi.fn(async (_options?: unknown) => undefined);
  clearCache = vi.fn(async () => undefined);
  clearAuthCache = vi.fn(async () => undefined);
  protocol = { handle: vi.fn() };
}

export function createFakeElectron() {
  const sessions = new Map<string, FakeSession>();
  const windows: FakeBrowserWindow[] = [];
  /** Errors the next loadURL calls reject with, in order (any window); empty = every load succeeds. */
  const loadFailures: Error[] = [];

  class FakeBrowserWindow extends FakeEmitter {
    readonly webContents = new FakeWebContents();
    loadURL = vi.fn(async (_url: string) => {
      const failure = loadFailures.shift();
      if (failure) throw failure;
    });
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    removeMenu = vi.fn();
    isMinimized = vi.fn(() => false);
    isDestroyed = vi.fn(() => false);
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
  }

  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: vi.fn(async () => undefined),
    getPath: vi.fn((_name: string) => '/fake/userData'),
    getAppPath: vi.fn(() => '/fake/app'),
  });

  const ipcHandlers = new Map<string, Listener>();
  let nextBlockerId = 0;

  /**
   * safeStorage stand-in: "encrypts" by prefixing and reversing the bytes, so the plain text is never
   * in what it returns, and decrypting anything it did not produce throws as Electron does.
   */
  const CIPHER_PREFIX = 'fake-safe-storage:';
  const safeStorage = {
    isEncryptionAvailable: vi.fn(() => true),
    getSelectedStorageBackend: vi.fn((): string => 'gnome_libsecret'),
    encryptString: vi.fn((plainText: string) => Buffer.from(CIPHER_PREFIX + [...plainText].reverse().join(''), 'utf8')),
    decryptString: vi.fn((encrypted: Buffer) => {
      const text = encrypted.toString('utf8');
      if (!text.startsWith(CIPHER_PREFIX)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return [...text.slice(CIPHER_PREFIX.length)].reverse().join('');
    }),
  };

  return {
    app,
    windows,
    loadFailures,
    sessions,
    ipcHandlers,
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
    powerSaveBlocker: {
      start: vi.fn((_type: 'prevent-app-suspension' | 'prevent-display-sleep') => (nextBlockerId += 1)),
      stop: vi.fn((_id: number) => true),
      isStarted: vi.fn((_id: number) => true),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      fromPartition: vi.fn((partition: string) => {
        const existing = sessions.get(partition) ?? new FakeSession();
        sessions.set(partition, existing);
        return existing;
      }),
    },
    ipcMain: {
      handle: vi.fn((channel: string, handler: Listener) => void ipcHandlers.set(channel, handler)),
    },
    safeStorage,
    net: { fetch: vi.fn(async (_url: string, _init?: unknown): Promise<Response> => new Response('{}', { status: 500 })) },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async (..._args: unknown[]) => undefined), send: vi.fn(), on: vi.fn() },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
