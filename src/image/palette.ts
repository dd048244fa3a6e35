/** Ultralytics' 20-colour palette, so our boxes look like upstream's. Stable per class id. */
const HEX = [
  'FF3838',
  'FF9D97',
  'FF701F',
  'FFB21D',
  'CFD231',
  '48F90A',
  '92CC17',
  '3DDB86',
  '1A9334',
  '00D4BB',
  '2C99A8',
  '00C2FF',
  '344593',
  '6473FF',
  '0018EC',
  '8438FF',
  '520085',
  'CB38FF',
  'FF95C8',
  'FF37C7',
];

export function classColour(classId: number): [number, number, number] {
  const hex = HEX[((classId % HEX.length) + HEX.length) % HEX.length]!;
  return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
}

export function classColourCss(classId: number): string {
  const [r, g, b] = classColour(classId);
  return `rgb(${r},${g},${b})`;
}

/** Black or white label text, whichever reads better on the class colour (WCAG relative luminance). */
export function textColourOn(classId: number): string {
  const lin = classColour(classId).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
  return lum > 0.179 ? '#000' : '#fff';
}
