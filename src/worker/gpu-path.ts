import type * as Ort from 'onnxruntime-web';
import type { RuntimeConfig } from '../config/runtime-config.ts';
import type { Candidates } from '../detect/candidates.ts';
import type { LetterboxPlan } from '../detect/letterbox.ts';
import { GpuDetector } from '../gpu/gpu-detector.ts';
import type { GpuLevers } from '../gpu/levers.ts';
import { layoutOfFormat } from '../gpu/output-layout.ts';
import { gpuSessionOptions, graphCaptureNote } from '../gpu/session-options.ts';
import { errorText } from '../util/errors.ts';
import { sourceSize } from './frame-source.ts';
import type { DetectResult, FrameSource } from './protocol.ts';
import type { OrtModule } from './worker-deps.ts';

export interface GpuSession {
  session: Ort.InferenceSession;
  detector: GpuDetector | null;
  /** Lever fallbacks in words ('' when every lever asked for runs). */
  note: string;
}

/**
 * Creates the WebGPU session for the levers asked for: output on the GPU
 * and graph capture in the session options; if ORT refuses graph capture,
 * once more without it (said in the note). Then the detector on ORT's own
 * device. If the detector cannot start, a plain session (the naive WebGPU path), with a note.
 */
export async function createGpuSession(
  ort: OrtModule,
  create: (options: Ort.InferenceSession.SessionOptions) => Promise<Ort.InferenceSession>,
  release: (session: Ort.InferenceSession) => Promise<void>,
  base: Ort.InferenceSession.SessionOptions,
  config: RuntimeConfig,
  wanted: GpuLevers,
): Promise<GpuSession> {
  const isStatic = config.input.kind === 'static';
  const notes = [graphCaptureNote(wanted, isStatic)];
  let levers = { ...wanted, graphCapture: wanted.graphCapture && isStatic };
  let session: Ort.InferenceSession;
  try {
    session = await create({ ...base, ...gpuSessionOptions(levers, isStatic) });
  } catch (e) {
    if (!levers.graphCapture) throw e;
    notes.push(`Graph capture could not start (${errorText(e)}); running without it.`);
    levers = { ...levers, graphCapture: false };
    session = await create({ ...base, ...gpuSessionOptions(levers, isStatic) });
  }
  try {
    const device = (await ort.env.webgpu.device) as GPUDevice;
    const detector = await GpuDetector.create(
      ort,
      session,
      device,
      {
        inputName: config.inputName,
        outputName: config.outputName,
        layout: layoutOfFormat(config.outputFormat),
        padValue: config.padValue,
      },
      levers,
    );
    notes.push(...detector.notes);
    return { session, detector, note: notes.filter(Boolean).join(' ') };
  } catch (e) {
    // GPU-bound outputs and a captured graph need the detector; without it, a plain session.
    await release(session);
    return {
      session: await create(base),
      detector: null,
      note: `GPU preprocessing, GPU-side output and graph capture are off (${errorText(e)}); WebGPU still runs the model, with its input and output copied through the CPU.`,
    };
  }
}

/** One frame on the WebGPU path, as the worker's result: the bitmap or video frame goes to the GPU as it is (no CPU pixel copy). */
export async function detectOnGpu(
  detector: GpuDetector,
  req: {
    bitmap: FrameSource;
    plan: LetterboxPlan;
    minScore: number;
    /** The session's note (lever fallbacks at load), kept on every result. */
    sessionNote: string;
    cpuLetterbox(): Float32Array;
    cpuDecode(data: Float32Array, dims: readonly number[]): Candidates & { nonFinite?: number };
  },
): Promise<DetectResult> {
  const { bitmap, plan } = req;
  const { width, height } = sourceSize(bitmap);
  const r = await detector.detect({
    frame: { width, height, source: bitmap },
    plan,
    minScore: req.minScore,
    cpuLetterbox: req.cpuLetterbox,
    cpuDecode: req.cpuDecode,
  });
  return {
    candidates: r.data,
    count: r.count,
    nonFiniteRows: r.nonFinite,
    inputWidth: plan.inputWidth,
    inputHeight: plan.inputHeight,
    width,
    height,
    timings: r.timings,
    backend: 'webgpu',
    note: [req.sessionNote, r.note].filter(Boolean).join(' '),
    gpu: r.levers,
    readbackBytes: r.readbackBytes,
    overflow: r.overflow,
  };
}
