import { expect, test } from './test.ts';
import { detectFile, downloadJson, openApp, type ResultJson } from './app.ts';
import { expectGolden, needShared, sharedPath } from './shared.ts';

test.beforeEach(() => needShared());

type WithGpu = ResultJson & { gpu?: { preprocess: boolean; output: boolean; graphCapture: boolean } };

/**
 * The WebGPU levers on SwiftShader (exact, slow): bus.jpg at golden parity
 * with each lever off (all on is in webgpu-shared-page.webgpu.spec.ts).
 * yolov5n-320 (static, so graph capture applies) keeps each run to one
 * session and one inference.
 */
const cases: { query: string; gpu: { preprocess: boolean; output: boolean; graphCapture: boolean } }[] = [
  { query: '&gpu=out,graph', gpu: { preprocess: false, output: true, graphCapture: true } },
  { query: '&gpu=pre,graph', gpu: { preprocess: true, output: false, graphCapture: true } },
  { query: '&gpu=pre,out', gpu: { preprocess: true, output: true, graphCapture: false } },
];

for (const c of cases) {
  test(`bus.jpg at golden parity on WebGPU with ?gpu=${c.query.slice(5)}`, async ({ page }) => {
    test.setTimeout(300_000);
    await openApp(page, `?backend=webgpu&model=yolov5n-320${c.query}`);
    await expect(page.getByTestId('backend')).toHaveText('webgpu');
    // No lever fell back.
    await expect(page.getByTestId('backend-note')).toHaveText('');
    await detectFile(page, sharedPath('images', 'bus.jpg'));
    await expect(page.getByTestId('backend')).toHaveText('webgpu');
    const { json } = await downloadJson<WithGpu>(page);
    expect(json.backend).toBe('webgpu');
    expect(json.gpu).toEqual(c.gpu);
    expectGolden(json, 'yolov5n-320', 'bus');
  });
}

test('an unknown ?gpu= token is named in the status; the known ones still apply (WASM: no gpu field)', async ({
  page,
}) => {
  await openApp(page, '?backend=wasm&model=yolov5n-320&gpu=pre,turbo');
  await expect(page.getByTestId('status')).toContainText('?gpu=pre,turbo: "turbo" is not a lever');
  await detectFile(page, sharedPath('images', 'bus.jpg'));
  const { json } = await downloadJson<WithGpu>(page);
  expect(json.backend).toBe('wasm');
  expect(json).not.toHaveProperty('gpu');
});
