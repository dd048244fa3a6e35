import { create } from 'zustand';
import { persist, type PersistStorage, type StorageValue } from 'zustand/middleware';
import type { BackendChoice } from '../worker/protocol.ts';
import { errorText } from '../util/errors.ts';
import {
  DEFAULT_SETTINGS,
  readSavedSettings,
  type SavedSettings,
  SETTINGS_KEY,
  SETTINGS_VERSION,
} from './saved-settings.ts';

/** What the user chose and expects to find again next visit. */
interface SettingsState extends SavedSettings {
  setBackend(b: BackendChoice, threads: number | null): void;
  setModelId(id: string): void;
  setSliders(bundleId: string, conf: number, iou: number): void;
}

/** What reading the saved settings had to say (bad values replaced, storage blocked), for the status line at start. */
const notes: string[] = [];

export function settingsNotes(): readonly string[] {
  return notes;
}

function write(name: string, value: StorageValue<SavedSettings>): void {
  try {
    localStorage.setItem(name, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the choice lasts for this visit only.
  }
}

/** localStorage, with every value checked when read (saved-settings.ts). */
const checkedStorage: PersistStorage<SavedSettings> = {
  getItem(name) {
    let raw: string | null;
    try {
      raw = localStorage.getItem(name);
    } catch (e) {
      notes.push(`Settings cannot be remembered in this browser (site storage is blocked: ${errorText(e)}).`);
      return null;
    }
    const read = readSavedSettings(raw);
    if (raw === null) return null;
    const value = { state: read.settings, version: SETTINGS_VERSION };
    if (read.notes.length) {
      notes.push(...read.notes);
      // Store the repaired settings, so the note is shown once, not on every visit.
      write(name, value);
    }
    return value;
  },
  setItem: write,
  removeItem(name) {
    try {
      localStorage.removeItem(name);
    } catch {
      // Blocked storage holds nothing to remove.
    }
  },
};

export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      ...DEFAULT_SETTINGS,
      setBackend: (backend, threads) => set({ backend, threads }),
      setModelId: (modelId) => set({ modelId }),
      setSliders: (bundleId, conf, iou) => set({ sliders: { bundleId, conf, iou } }),
    }),
    {
      name: SETTINGS_KEY,
      version: SETTINGS_VERSION,
      storage: checkedStorage,
      partialize: ({ backend, threads, modelId, sliders }) => ({ backend, threads, modelId, sliders }),
    },
  ),
);

/** Forgets every saved setting (the error page's "reset settings"); the page reloads after. */
export function resetSavedSettings(): void {
  useSettings.persist.clearStorage();
}
