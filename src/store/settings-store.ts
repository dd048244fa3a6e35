import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { BackendChoice } from '../worker/protocol.ts';

/** What the user chose and expects to find again next visit. */
interface SettingsState {
  backend: BackendChoice;
  /** null = automatic. */
  threads: number | null;
  modelId: string | null;
  /** Slider values, remembered for the bundle they were set on. */
  sliders: { bundleId: string; conf: number; iou: number } | null;
  setBackend(b: BackendChoice, threads: number | null): void;
  setModelId(id: string): void;
  setSliders(bundleId: string, conf: number, iou: number): void;
}

export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      backend: 'auto',
      threads: null,
      modelId: null,
      sliders: null,
      setBackend: (backend, threads) => set({ backend, threads }),
      setModelId: (modelId) => set({ modelId }),
      setSliders: (bundleId, conf, iou) => set({ sliders: { bundleId, conf, iou } }),
    }),
    { name: 'yolov5-webgpu.settings', version: 1 },
  ),
);
