// Sandboxed preload: it may require only 'electron', so scripts/build-main.ts bundles it into one CommonJS file.
import { contextBridge, ipcRenderer } from 'electron';
import { createKioskApi } from './api.js';

// Only the two named calls cross the bridge; ipcRenderer itself never does (it would let the page invoke any channel).
contextBridge.exposeInMainWorld('kiosk', createKioskApi(ipcRenderer));
