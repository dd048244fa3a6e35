/** Placeholder: the live camera / video panel (issue 4) replaces this file. */
export function WebcamPanel() {
  return null;
}
