import { create } from 'zustand';

/** A newer version of the app was deployed and its service worker now controls this tab. */
interface UpdateStore {
  available: boolean;
}

export const useUpdate = create<UpdateStore>()(() => ({ available: false }));

export function announceUpdate(): void {
  useUpdate.setState({ available: true });
}
