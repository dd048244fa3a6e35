import { expect, type Page, test } from './test.ts';
import { readFileSync } from 'node:fs';
import { detectFile, openApp, waitReady, watchErrors, type FilePayload } from './app.ts';
import { onnxHeader } from './onnx-fixtures.ts';
import { needShared, sharedPath } from './shared.ts';

test.beforeEach(() => needShared());

const goodConfig = () => readFileSync('public/models/yolov5n/config.yaml', 'utf8');
const model640 = (): FilePayload => ({
  name: 'yolov5n-640.onnx',
  mimeType: 'application/octet-stream',
  buffer: readFileSync(sharedPath('models/yolov5n/yolov5n-640.onnx')),
});
const yaml = (text: string): FilePayload => ({
  name: 'config.yaml',
  mimeType: 'application/yaml',
  buffer: Buffer.from(text),
});

const memory = (page: Page) => page.evaluate(() => window.__yolo!.memory());

async function loadBundle(page: Page, files: FilePayload[]): Promise<void> {
  await page.getByTestId('bundle-input').setInputFiles(files);
}

const CASES: { name: string; files: () => FilePayload[]; error: RegExp }[] = [
  {
    name: 'a config that is not a mapping',
    files: () => [yaml('- just\n- a list\n'), model640()],
    error: /config must be a YAML mapping/,
  },
  {
    name: 'a YAML alias bomb',
    files: () => [
      yaml(
        [
          'a: &a [x, x, x, x, x, x, x, x, x]',
          ...Array.from(
            { length: 8 },
            (_, i) =>
              `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
          ),
        ].join('\n'),
      ),
      model640(),
    ],
    error: /alias bomb/,
  },
  {
    name: 'a 10 MB config',
    files: () => [yaml(`# ${'x'.repeat(10 * 1024 * 1024)}\n${goodConfig()}`), model640()],
    error: /10\.0 MiB|10485|over .*256 KiB|256 KiB/,
  },
  {
    name: 'deep nesting',
    files: () => [
      yaml(
        `${'a:\n'.split('\n')[0]}${Array.from({ length: 200 }, (_, i) => `\n${'  '.repeat(i + 1)}k${i}:`).join('')} 1\n`,
      ),
      model640(),
    ],
    error: /deep|nest/i,
  },
  {
    name: 'model.file with ..',
    files: () => [
      yaml(goodConfig().replace('file: yolov5n-640.onnx', 'file: ../yolov5n/yolov5n-640.onnx')),
      model640(),
    ],
    error: /model\.file: .*"\.\."/,
  },
  {
    name: 'model.file as an absolute URL',
    files: () => [
      yaml(goodConfig().replace('file: yolov5n-640.onnx', 'file: https://evil.example/m.onnx')),
      model640(),
    ],
    error: /model\.file: .*scheme "https:"/,
  },
  {
    name: 'model.file as javascript:',
    files: () => [yaml(goodConfig().replace('file: yolov5n-640.onnx', 'file: "javascript:alert(1)"')), model640()],
    error: /model\.file: .*scheme "javascript:"/,
  },
  {
    name: 'model.file as data:',
    files: () => [
      yaml(goodConfig().replace('file: yolov5n-640.onnx', 'file: "data:application/octet-stream;base64,AAAA"')),
      model640(),
    ],
    error: /model\.file: .*scheme "data:"/,
  },
  {
    name: 'v1 model_path with ..',
    files: () => [
      yaml(
        readFileSync('public/models/yolov5n-legacy/config.yaml', 'utf8').replace(
          'model_path: yolov5n-640.onnx',
          'model_path: ../../etc/passwd',
        ),
      ),
      model640(),
    ],
    error: /model_path: .*"\.\."/,
  },
  {
    name: 'a truncated ONNX',
    files: () => [yaml(goodConfig()), { ...model640(), buffer: model640().buffer.subarray(0, 100_000) }],
    error: /model\.file: yolov5n-640\.onnx is not a valid ONNX model \(truncated/,
  },
  {
    name: 'a JPEG named .onnx',
    files: () => [
      yaml(goodConfig()),
      {
        name: 'yolov5n-640.onnx',
        mimeType: 'application/octet-stream',
        buffer: readFileSync(sharedPath('images/bus.jpg')),
      },
    ],
    error: /model\.file: yolov5n-640\.onnx is not a valid ONNX model/,
  },
  {
    name: 'an ONNX with the wrong output rank',
    files: () => [
      yaml(goodConfig()),
      { name: 'yolov5n-640.onnx', mimeType: 'application/octet-stream', buffer: onnxHeader([25200, 85]) },
    ],
    error: /rank/,
  },
];

for (const c of CASES) {
  test(`refused before any session is created: ${c.name}`, async ({ page }) => {
    const errors = watchErrors(page);
    await openApp(page, '?backend=wasm&model=yolov5n-320');
    const before = await memory(page);
    await loadBundle(page, c.files());
    await expect(page.getByTestId('config-error')).toContainText(c.error);
    await waitReady(page);
    expect(await memory(page)).toEqual(before); // no session was created or lost
    await expect(page.getByTestId('model-select')).toHaveValue('yolov5n-320');
    await detectFile(page, sharedPath('images/bus.jpg'));
    await expect(page.getByTestId('detection').first()).toBeVisible();
    expect(errors).toEqual([]);
  });
}

test('labels with HTML and control characters are shown as text, never as markup', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  const hostile = '<img src=x onerror="window.__pwned=1"><b>person</b>\u0007';
  const config = goodConfig()
    .replace(/labels:\s*\[\s*person,/, `labels: [${JSON.stringify(hostile)},`)
    .replace('name: YOLOv5n COCO 640', 'name: "\\u202Eevil <i>name</i>"');
  expect(config).toContain('<b>person</b>');
  expect(config).toContain('\\u202Eevil');
  await loadBundle(page, [yaml(config), model640()]);
  await waitReady(page);
  await expect(page.getByTestId('model-select')).toHaveValue('custom');
  // The config's name (picker and load report) is shown escaped and inert too.
  const shownName = '\\u202eevil <i>name</i>';
  await expect(page.getByTestId('model-select').locator('option[value=custom]')).toHaveText(`custom: ${shownName}`);
  await expect(page.getByTestId('model-report')).toContainText(shownName);
  expect(await page.getByTestId('model-report').locator('i').count()).toBe(0);
  await detectFile(page, sharedPath('images/bus.jpg'));
  const first = page.locator('[data-testid=detection][data-label^="<img"]').first();
  await expect(first).toBeVisible();
  // On screen the control character is escaped (displayText); data-label keeps the exact label for tools.
  await expect(first.locator('.label')).toHaveText(hostile.replace('\u0007', '\\u0007'));
  await expect(first).toHaveAttribute('data-label', hostile);
  expect(await page.locator('[data-testid=detection] img, [data-testid=detection] b').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
