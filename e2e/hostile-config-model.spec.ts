import { expect, type Page, test } from './test.ts';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tinyModel } from '../src/test-support/protobuf-writer.ts';
import { detectFile, downloadJson, openApp, waitReady, watchErrors, type FilePayload } from './app.ts';
import { expectGolden, needShared, sharedPath } from './shared.ts';

test.beforeEach(() => needShared());

const config640 = () => readFileSync('public/models/yolov5n/config.yaml', 'utf8');
const configRect = () => readFileSync('public/models/yolov5n-rect/config.yaml', 'utf8');
const model = (file: string, name = file): FilePayload => ({
  name,
  mimeType: 'application/octet-stream',
  buffer: readFileSync(sharedPath('models/yolov5n', file)),
});
const onnx = (bytes: Uint8Array, name = 'model.onnx'): FilePayload => ({
  name,
  mimeType: 'application/octet-stream',
  buffer: Buffer.from(bytes),
});
const yaml = (text: string | Buffer): FilePayload => ({
  name: 'config.yaml',
  mimeType: 'application/yaml',
  buffer: typeof text === 'string' ? Buffer.from(text) : text,
});

const memory = (page: Page) => page.evaluate(() => window.__yolo!.memory());
const loadBundle = (page: Page, files: FilePayload[]) => page.getByTestId('bundle-input').setInputFiles(files);

/** Bus.jpg on the model in use, compared with the golden detections of `set`. */
async function expectBusAt(page: Page, set: string, bundle: string): Promise<void> {
  await detectFile(page, sharedPath('images/bus.jpg'));
  const { json } = await downloadJson(page);
  expect(json.model).toBe(bundle);
  expectGolden(json, set, 'bus');
}

test('a config built for quadratic work is answered before the time limit, the page taking input meanwhile, with 20 problems shown', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openApp(page, '?backend=wasm&model=yolov5n-320');
  // 24 000 unknown keys: the old loader compared every key with every other and located each issue by a scan.
  const keys = 24_000;
  const text = `${config640()}${Array.from({ length: keys }, (_, i) => `k${i}: 1`).join('\n')}\n`;
  expect(text.length).toBeLessThan(256 * 1024);
  await page.evaluate(() => {
    const w = window as unknown as { __keys: string[] };
    w.__keys = [];
    document.addEventListener('keydown', () =>
      w.__keys.push(document.querySelector('[data-testid=app]')!.getAttribute('data-state')!),
    );
  });
  await loadBundle(page, [yaml(text), model('yolov5n-640.onnx')]);
  // Keys pressed while the config is read; each is answered by the page (the handler runs) whatever its state.
  const errorList = page.getByTestId('config-error');
  for (let i = 0; i < 200 && !(await errorList.isVisible()); i++) await page.keyboard.press('Shift');
  await expect(errorList).toContainText('unknown key "k0"');
  const answered = await page.evaluate(() => (window as unknown as { __keys: string[] }).__keys);
  expect(answered.length).toBeGreaterThan(0);
  expect(answered).toContain('loading'); // answered while the bundle was being read, not after
  // Handled within the parse worker's time limit: a timeout would say "took more than 5 s".
  await expect(page.getByTestId('status')).not.toContainText('took more than');
  await expect(errorList.locator('li')).toHaveCount(21);
  await expect(errorList.locator('li').last()).toHaveText(`… and ${keys - 20} more`);
  await expect(page.getByTestId('status')).toContainText(`… and ${keys - 20} more`);
  await waitReady(page);
  await expect(page.getByTestId('model-select')).toHaveValue('yolov5n-320');
  expect(errors).toEqual([]);
});

test('models onnxruntime refuses leave the previous model in use, detecting bus.jpg at golden parity, and say why', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await openApp(page, '?backend=wasm&model=yolov5n-320');
  const before = await memory(page);

  // The real 640 model with its IR version (field 1, the file's second byte) set to 99.
  const newer = model('yolov5n-640.onnx');
  expect([newer.buffer[0], newer.buffer[1]]).toEqual([0x08, 0x07]);
  newer.buffer[1] = 99;
  const dynamic = configRect().replace('file: yolov5n-dynamic.onnx', 'file: model.onnx');
  const refusals: { name: string; files: FilePayload[]; why: RegExp }[] = [
    {
      name: 'IR version newer than the runtime',
      files: [yaml(config640()), newer],
      why: /onnxruntime refused yolov5n-640\.onnx: the model's ONNX IR version 99 is newer than this app's onnxruntime reads/,
    },
    {
      name: 'an operator the runtime does not have',
      files: [yaml(dynamic), onnx(tinyModel({ op: 'NoSuchOp' }))],
      why: /onnxruntime refused model\.onnx: the model uses the operator NoSuchOp/,
    },
    {
      // Created fine; only its first run (the warm-up) shows the graph cannot take the input.
      name: 'a graph that fails its first run',
      files: [yaml(dynamic), onnx(tinyModel())],
      why: /onnxruntime refused model\.onnx: onnxruntime created the model but it failed its test run/,
    },
  ];
  for (const r of refusals) {
    await loadBundle(page, r.files);
    await expect(page.getByTestId('config-error'), r.name).toContainText(r.why);
    await expect(page.getByTestId('status')).toContainText('Model custom refused');
    await expect(page.getByTestId('status')).toContainText('Still using yolov5n-320.');
    await waitReady(page);
    await expect(page.getByTestId('model-select')).toHaveValue('yolov5n-320');
    // The previous session is still the one, and the refused one was released (if it was created at all).
    expect((await memory(page)).sessions, r.name).toBe(1);
  }
  const after = await memory(page);
  expect(after.sessionsCreated).toBe(before.sessionsCreated + 1); // only the warm-up failure got as far as a session
  await expectBusAt(page, 'yolov5n-320', 'yolov5n-320');
  expect(errors).toEqual([]);
});

const REFUSED: { name: string; files: () => FilePayload[]; error: RegExp }[] = [
  {
    name: 'a dynamic input of 32768 px',
    files: () => [yaml(configRect().replace('max_side: 640', 'max_side: 32768')), model('yolov5n-dynamic.onnx')],
    error: /model\.input\.dynamic\.max_side: each input side is at most 4096 px, got 32768/,
  },
  {
    name: 'a static size of 1e300',
    files: () => [yaml(config640().replace('size: [640, 640]', 'size: [1e300, 1e300]')), model('yolov5n-640.onnx')],
    error: /model\.input\.size\[0\]: each input side is at most 4096 px, got 1e\+300/,
  },
  {
    name: 'model.file with %2e%2e/',
    files: () => [
      yaml(config640().replace('file: yolov5n-640.onnx', 'file: "%2e%2e/yolov5n/yolov5n-640.onnx"')),
      model('yolov5n-640.onnx'),
    ],
    error: /model\.file: .*"\.\." segment.*after decoding its percent-escapes/,
  },
  {
    name: 'model.file with a backslash',
    files: () => [
      yaml(config640().replace('file: yolov5n-640.onnx', 'file: "..\\\\yolov5n-640.onnx"')),
      model('yolov5n-640.onnx'),
    ],
    error: /model\.file: .*contains a backslash/,
  },
  {
    name: 'model.file with a control character',
    files: () => [
      yaml(config640().replace('file: yolov5n-640.onnx', 'file: "yolov5n\\u0007-640.onnx"')),
      model('yolov5n-640.onnx'),
    ],
    error: /model\.file: .*contains a control character/,
  },
  {
    name: 'a __proto__ key',
    files: () => [yaml(`__proto__: {name: x}\n${config640()}`), model('yolov5n-640.onnx')],
    error: /__proto__: unknown key "__proto__"/,
  },
  {
    name: 'a UTF-16 config',
    files: () => [yaml(Buffer.from(`\ufeff${config640()}`, 'utf16le')), model('yolov5n-640.onnx')],
    error: /config is UTF-16 text .*save it as UTF-8/,
  },
  {
    name: 'a float16 output',
    files: () => {
      // Output0's element type, TensorProto.DataType 1 (float32), rewritten as 10 (float16) in the real model.
      const m = model('yolov5n-640.onnx');
      // ValueInfoProto.name (field 1) "output0", then its TypeProto.tensor_type.elem_type (field 1, varint 1).
      const at = m.buffer.indexOf(Buffer.from([0x0a, 0x07, ...Buffer.from('output0')]));
      expect(at).toBeGreaterThan(0);
      const type = m.buffer.indexOf(Buffer.from([0x08, 0x01]), at);
      expect(type - at).toBe(13);
      m.buffer[type + 1] = 10;
      return [yaml(config640()), m];
    },
    error:
      /model\.output\.name: output "output0" of yolov5n-640\.onnx is float16, the app needs float32; export without `--half`/,
  },
];

for (const c of REFUSED) {
  test(`refused before any session or allocation: ${c.name}`, async ({ page }) => {
    const errors = watchErrors(page);
    await openApp(page, '?backend=wasm&model=yolov5n-320');
    const before = await memory(page);
    await loadBundle(page, c.files());
    await expect(page.getByTestId('config-error')).toContainText(c.error);
    await waitReady(page);
    // Nothing reached the worker: no session, and ORT's WebAssembly memory did not grow.
    expect(await memory(page)).toEqual(before);
    await expect(page.getByTestId('model-select')).toHaveValue('yolov5n-320');
    expect(errors).toEqual([]);
  });
}

test('a config saved with a BOM and CRLF line ends loads and detects bus.jpg at golden parity', async ({ page }) => {
  await openApp(page, '?backend=wasm&model=yolov5n-320');
  const text = `\ufeff${config640().replace(/\n/g, '\r\n')}`;
  await loadBundle(page, [yaml(text), model('yolov5n-640.onnx')]);
  await waitReady(page);
  await expect(page.getByTestId('model-select')).toHaveValue('custom');
  await expect(page.getByTestId('config-error')).toHaveCount(0);
  await expectBusAt(page, 'yolov5n-640', 'custom');
});

test('a dropped .onnx over 1 GB is refused before it is read', async ({ page }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'yolo-big-'));
  try {
    // A sparse file: 1.1 GB on paper, no disk used; the browser gets it as a File backed by this path.
    const big = path.join(dir, 'huge.onnx');
    writeFileSync(big, '');
    truncateSync(big, 1_100_000_000);
    const config = path.join(dir, 'config.yaml');
    writeFileSync(config, config640());
    await openApp(page, '?backend=wasm&model=yolov5n-320');
    const before = await memory(page);
    await page.getByTestId('bundle-input').setInputFiles([config, big]);
    await expect(page.getByTestId('config-error')).toContainText(
      'huge.onnx is 1.10 GB, over the 1 GB model limit; a YOLO detection model is 4 to 300 MB',
    );
    await expect(page.getByTestId('status')).toContainText('Custom bundle refused');
    expect(await memory(page)).toEqual(before);
    await expect(page.getByTestId('model-select')).toHaveValue('yolov5n-320');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
