import { expect, test } from './test.ts';
import { openApp } from './app.ts';
import { needShared } from './shared.ts';

test.beforeEach(() => needShared());

// bus.jpg at golden parity on WebGPU: the 640 model in csp.pages.spec.ts (production build), the 320 one
// with each lever set in gpu-levers.webgpu.spec.ts and webgpu-shared-page.webgpu.spec.ts.
test('automatic backend choice picks WASM on a software WebGPU adapter', async ({ page }) => {
  await openApp(page, '?backend=auto&model=yolov5n-320');
  await expect(page.getByTestId('backend')).toHaveText('wasm');
});
