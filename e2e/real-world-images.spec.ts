import { expect, type Page, test } from './test.ts';
import { readFileSync } from 'node:fs';
import { PARSE_TIME_LIMIT_MS } from '../src/parse-worker/index.ts';
import {
  bytes,
  EOI,
  exif,
  ftyp,
  gif,
  gifFrame,
  heifMeta,
  ico,
  ispe,
  png as pngStructure,
  scan,
  segment,
  SOI,
  sof,
} from '../src/test-support/image-writer.ts';
import {
  downloadJson,
  openApp,
  pickImage,
  resultImageSize,
  resultPixel,
  waitReady,
  watchErrors,
  type FilePayload,
} from './app.ts';
import { encodePng } from './image-fixtures.ts';
import { expectGolden, needShared, sharedPath } from './shared.ts';

/**
 * Issue 11, images: files as phones and editors write them (trailers after
 * the JPEG, SVG prologs, AVIF brands), files built to slip past the size
 * limits, and hostile names, each through the real app.
 */
test.beforeEach(() => needShared());

const bus = () => readFileSync(sharedPath('images/bus.jpg'));
const fixture = (name: string) => readFileSync(new URL(`../src/image/fixtures/${name}`, import.meta.url));
const file = (name: string, data: Uint8Array | string, mimeType = 'image/jpeg'): FilePayload => ({
  name,
  mimeType,
  buffer: typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data),
});
/** 1 MB of what follows a motion photo's JPEG: an MP4 header, then bytes full of JPEG marker look-alikes. */
const motionTrailer = () =>
  bytes(
    [0, 0, 0, 0x18],
    'ftypmp42',
    [0, 0, 0, 0],
    'isommp42',
    Array.from({ length: 1 << 20 }, (_, i) => [0xff, 0xd9, 0xff, 0xd8, 0xff, 0xc0, 0x4e, 0x20][i % 8]!),
  );

/** Feeds one file and waits for the app to settle; returns the status text. */
async function feed(page: Page, f: FilePayload): Promise<string> {
  await pickImage(page, f);
  await expect(page.getByTestId('status')).not.toContainText('Detecting');
  await expect(page.getByTestId('status')).not.toContainText('Starting');
  await waitReady(page);
  return (await page.getByTestId('status').textContent()) ?? '';
}

const pixel = resultPixel;

test('a JPEG with a 1 MB motion-photo trailer is complete: bus.jpg objects at golden parity', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '?backend=wasm&model=yolov5n');
  const status = await feed(page, file('PXL_motion.jpg', bytes(bus(), motionTrailer())));
  expect(status).toMatch(/Found 4 objects in PXL_motion\.jpg/);
  const { json } = await downloadJson(page);
  expect(json).toMatchObject({ image: 'PXL_motion.jpg', width: 810, height: 1080 });
  expectGolden(json, 'yolov5n-640', 'bus');
  expect(errors).toEqual([]);
});

test('a JPEG cut mid-scan whose EXIF holds FFD9 is refused as truncated', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const b = bus();
  const withMarkerInExif = bytes(b.subarray(0, 2), exif(bytes(new Array(64).fill(0x20), EOI, EOI)), b.subarray(2));
  const cut = withMarkerInExif.subarray(0, Math.floor(withMarkerInExif.length * 0.7));
  expect(await feed(page, file('cut-exif.jpg', cut))).toMatch(/cut-exif\.jpg is truncated \(the JPEG data stops/);
  await expect(page.getByTestId('status')).toHaveClass(/error/);
});

test('an SVG built for super-linear work is handled within the parse time limit while the page answers input', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openApp(page, '?backend=wasm');
  // Built in the page and handed to the picker's change handler as a user's pick would be:
  // Playwright's setInputFiles would decode the payload on the page's main thread itself.
  await page.evaluate(() => {
    // Each part made the old handler regex backtrack quadratically: long white space inside a tag
    // with a handler, a long run of "<" (inside a comment, so the XML stays valid), thousands of handlers.
    const svg = [
      `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48"${' '.repeat(150_000)}onload="window.__pwned=1"${' '.repeat(150_000)}>`,
      `<!--${'<'.repeat(150_000)}-->`,
      '<rect width="64" height="48" fill="#ff0000"/>',
      `<g onclick="window.__pwned=2" onmouseover ="window.__pwned=3"${' '.repeat(20)}/>`.repeat(5_000),
      '</svg>',
    ].join('');
    (window as unknown as { __heavy: File }).__heavy = new File([svg], 'heavy.svg', { type: 'image/svg+xml' });
  });
  await page.evaluate(() => {
    const w = window as unknown as { __heavy: File; __longest: number; __keys: [number, string][] };
    if (w.__heavy.size < 800_000) throw new Error('the SVG is smaller than meant');
    w.__longest = 0;
    w.__keys = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
    // Input latency: from the event's creation to its handler, and what the app was doing then.
    document.addEventListener('keydown', (e) =>
      w.__keys.push([
        performance.now() - e.timeStamp,
        document.querySelector('[data-testid=app]')?.getAttribute('data-state') ?? '',
      ]),
    );
    const input = document.querySelector<HTMLInputElement>('[data-testid=image-input]')!;
    const dt = new DataTransfer();
    dt.items.add(w.__heavy);
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.keyboard.press('Shift');
  await expect(page.getByTestId('status')).toContainText('in heavy.svg');
  await waitReady(page);
  expect(await pixel(page, 32, 24)).toEqual([255, 0, 0, 255]);
  const { json } = await downloadJson(page);
  const { longest, keys, pwned } = await page.evaluate(() => {
    const w = window as unknown as { __longest: number; __keys: [number, string][]; __pwned?: number };
    return { longest: w.__longest, keys: w.__keys, pwned: w.__pwned };
  });
  test.info().annotations.push({
    type: 'measured',
    description: `decode ${json.timings.decode.toFixed(0)} ms, key answered after ${keys[0]?.[0].toFixed(0)} ms while the app was ${keys[0]?.[1]}, longest main-thread task ${longest.toFixed(0)} ms (limit ${PARSE_TIME_LIMIT_MS} ms)`,
  });
  expect(pwned).toBeUndefined();
  // "decode" is the whole of reading the file: parse worker (sniff, size, handler cut) + DOM scrub + raster.
  expect(json.timings.decode).toBeLessThan(PARSE_TIME_LIMIT_MS);
  expect(keys).toHaveLength(1);
  expect(keys[0]![0]).toBeLessThan(PARSE_TIME_LIMIT_MS);
  expect(longest).toBeLessThan(PARSE_TIME_LIMIT_MS);
  expect(errors).toEqual([]);
});

test('a file name with HTML and an RTL override shows as inert, escaped text; the JSON keeps it exactly', async ({
  page,
}) => {
  await openApp(page, '?backend=wasm');
  const name = '<img src=x onerror="window.__pwned=1"><b>holiday</b>\u202Egnp.jpg';
  const one = encodePng({ width: 2, height: 2, colorType: 2, bitDepth: 8, rows: () => Buffer.alloc(6, 200) });
  await pickImage(page, { name, mimeType: 'image/png', buffer: one });
  const status = page.getByTestId('status');
  await expect(status).toContainText('Found 0 objects in');
  await waitReady(page);
  const shown = name.replace('\u202E', '\\u202e');
  await expect(status).toContainText(shown);
  expect(await status.textContent()).not.toContain('\u202E');
  expect(await status.locator('img, b').count()).toBe(0);
  await expect(page.getByTestId('result-canvas')).toHaveAttribute('aria-label', `${shown} with 0 detected objects`);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  const { json } = await downloadJson(page);
  expect(json.image).toBe(name);
});

test('sniffing by structure: SVG after a BOM, prolog, DOCTYPE and a decoy comment; AVIF with major brand mif1; progressive JPEG', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openApp(page, '?backend=wasm');
  const svg = `\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Generator: an editor. <svg width="1" height="1"> is only a comment -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
  <!ENTITY ns_svg "http://www.w3.org/2000/svg">
]>
<svg xmlns="&ns_svg;" width="1.25in" height="0.75in"><rect width="100%" height="100%" fill="#00ff00"/></svg>`;
  expect(await feed(page, file('exported.svg', svg, 'image/svg+xml'))).toMatch(
    /in exported\.svg .*The SVG was drawn at its declared size, 120x72\./,
  );
  expect(await pixel(page, 60, 36)).toEqual([0, 255, 0, 255]);

  const avif = Buffer.from(fixture('tiny-96x64.avif'));
  avif.write('mif1', 8, 'latin1');
  expect(await feed(page, file('phone.avif', avif, 'image/avif'))).toMatch(/Found \d+ objects? in phone\.avif/);
  expect((await resultImageSize(page))[0]).toBe(96);

  expect(await feed(page, file('progressive.jpg', fixture('progressive-96x64.jpg')))).toMatch(
    /Found \d+ objects? in progressive\.jpg/,
  );
  expect((await resultImageSize(page))[1]).toBe(64);

  expect(
    await feed(page, file('notes.bmp', 'BM is how this text file starts; it is not a bitmap.\n', 'image/bmp')),
  ).toMatch(/notes\.bmp is not an image this app can read/);
  expect(errors).toEqual([]);
});

test('a large SVG is drawn at most 2048 px on its longest side, and the status says so', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="8192" height="4096"><filter id="f"><feGaussianBlur stdDeviation="40"/></filter><rect width="8192" height="4096" fill="#0000ff" filter="url(#f)"/></svg>`;
  expect(await feed(page, file('poster.svg', svg, 'image/svg+xml'))).toMatch(
    /The SVG was drawn at 2048x1024, scaled down from its declared 8192x4096/,
  );
  expect((await resultImageSize(page))[0]).toBe(2048);
  const { json } = await downloadJson(page);
  expect(json).toMatchObject({ width: 2048, height: 1024 });
});

const over = (w: number, h: number) =>
  new RegExp(`is ${w}x${h} \\(\\d+ MP\\), over this app's limit of 64 MP|is ${w}x${h}: its (width|height) is over`);

const SIZE_TRICKS: { name: string; file: () => FilePayload; message: RegExp }[] = [
  {
    name: 'JPEG frame header after 300 KB of APP segments and a stray byte',
    file: () =>
      file(
        'far-sof.jpg',
        bytes(
          SOI,
          ...Array.from({ length: 5 }, (_, k) => segment(0xe2 + k, new Array(65_000).fill(0x41))),
          [0x00],
          sof(20000, 20000),
          scan([1, 2, 3]),
          EOI,
        ),
      ),
    message: over(20000, 20000),
  },
  {
    name: 'GIF frame larger than its logical screen',
    file: () => file('frames.gif', gif(16, 16, gifFrame(0, 0, 16, 16), gifFrame(0, 0, 20000, 20000)), 'image/gif'),
    message: over(20000, 20000),
  },
  {
    name: 'ICO entry whose embedded PNG is larger than the directory says',
    file: () => file('fav.ico', ico([{ listed: [32, 32], data: pngStructure(20000, 20000) }]), 'image/x-icon'),
    message: over(20000, 20000),
  },
  {
    name: 'AVIF whose primary item is huge behind a small thumbnail ispe',
    file: () =>
      file(
        'thumb.avif',
        bytes(
          ftyp('avif', 'avif', 'mif1'),
          heifMeta(
            1,
            [ispe(160, 120), ispe(30000, 30000)],
            [
              [2, [1]],
              [1, [2]],
            ],
          ),
        ),
        'image/avif',
      ),
    message: over(30000, 30000),
  },
  {
    name: 'SVG size with an exponent',
    file: () => file('exp.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="2e4" height="2e4"/>', 'image/svg+xml'),
    message: over(20000, 20000),
  },
  {
    name: 'SVG size in inches, behind a decoy <svg> in a comment',
    file: () =>
      file(
        'inches.svg',
        '<!-- <svg width="10" height="10"> --><svg xmlns="http://www.w3.org/2000/svg" width="200in" height="100in"/>',
        'image/svg+xml',
      ),
    message: over(19200, 9600),
  },
  {
    name: 'one side over 16384 px while the area is under 64 MP',
    file: () =>
      file(
        'strip.png',
        encodePng({ width: 20000, height: 8, colorType: 0, bitDepth: 1, rows: () => Buffer.alloc(2500) }),
        'image/png',
      ),
    message: /strip\.png is 20000x8: its width is over this app's limit of 16384 px per side/,
  },
  {
    name: 'SVG embedding a PNG bomb as a data: URL',
    file: () =>
      file(
        'embed.svg',
        `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image width="10" height="10" href="data:image/png;base64,${Buffer.from(pngStructure(20000, 20000)).toString('base64')}"/></svg>`,
        'image/svg+xml',
      ),
    message: /embed\.svg embeds a PNG image that is 20000x20000/,
  },
  {
    name: 'SVG whose nested <use> references multiply into a billion elements',
    file: () => {
      const levels = Array.from({ length: 9 }, (_, k) =>
        k === 0
          ? '<g id="l0"><rect width="1" height="1"/></g>'
          : `<g id="l${k}">${Array.from({ length: 10 }, () => `<use href="#l${k - 1}"/>`).join('')}</g>`,
      );
      return file(
        'uses.svg',
        `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs>${levels.join('')}</defs><use href="#l8"/></svg>`,
        'image/svg+xml',
      );
    },
    message: /uses\.svg would draw over a billion elements|uses\.svg would draw [\d,]+ elements/,
  },
  {
    name: 'AVIF whose primary item has no size at all',
    file: () => file('nosize.avif', bytes(ftyp('avif', 'mif1'), heifMeta(1, [ispe(64, 64)], [[2, [1]]])), 'image/avif'),
    message: /nosize\.avif is an AVIF image whose size this app cannot read from its header/,
  },
];

test('every size trick is refused from the file structure, before decoding; the app keeps working', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openApp(page, '?backend=wasm');
  for (const c of SIZE_TRICKS) {
    const status = await feed(page, c.file());
    expect(status, c.name).toMatch(c.message);
    await expect(page.getByTestId('status'), c.name).toHaveClass(/error/);
  }
  const status = await feed(page, file('bus.jpg', bus()));
  expect(status).toMatch(/Found 4 objects in bus\.jpg/);
  expect(errors).toEqual([]);
});
