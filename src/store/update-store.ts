import { create } from 'zustand';

/** A newer version of the app was deployed, and its service worker now controls this tab, which runs an older one. */
interface UpdateStore {
  available: boolean;
}

export const useUpdate = create<UpdateStore>()(() => ({ available: false }));

export function setUpdateAvailable(available: boolean): void {
  useUpdate.setState({ available });
}
