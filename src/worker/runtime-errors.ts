/**
 * onnxruntime's errors in words a user can act on. Its messages carry C++
 * source paths, function signatures and error-code prefixes; the facts in
 * them (an IR version, an operator name, a tensor) are what the user needs,
 * with what to do about it. The runtime's own words follow, cleaned and cut short.
 */

/** The worker's refusal of a model onnxruntime cannot create or run; the model in use stays. */
export class ModelRefusedError extends Error {
  constructor(message: string) {
    super(message);
    // Comlink keeps `name` across the worker boundary, so the page can tell this from a crash.
    this.name = 'ModelRefusedError';
  }
}

const RULES: { test: RegExp; say: (m: RegExpExecArray) => string }[] = [
  {
    test: /Unsupported model IR version:\s*(\d+),\s*max supported IR version:\s*(\d+)/i,
    say: (m) =>
      `the model's ONNX IR version ${m[1]} is newer than this app's onnxruntime reads (up to ${m[2]}); export it again with an older onnx package or a lower --opset (YOLOv5 uses 12)`,
  },
  {
    test: /No Op registered for (\S+) with domain_version of (\d+)/i,
    say: (m) =>
      `the model uses the operator ${m[1]} (opset ${m[2]}), which onnxruntime does not have; export it with the standard operators (upstream export.py, --opset 12)`,
  },
  {
    test: /Could not find an implementation for (\S+?)\((\d+)\)/i,
    say: (m) =>
      `the model uses the operator ${m[1]} (version ${m[2]}), which this onnxruntime build cannot run; export it with a lower --opset (YOLOv5 uses 12)`,
  },
  {
    test: /external (?:data|tensor|initializer)/i,
    say: () =>
      'the model keeps its weights in a separate file (ONNX external data); save it as one .onnx file with the weights inside',
  },
  {
    test: /protobuf parsing failed|failed to parse|invalid (?:protobuf|wire type)/i,
    say: () => 'onnxruntime could not read the file as an ONNX model; it is damaged or not an ONNX export',
  },
  {
    test: /out of memory|\bOOM\b|Cannot enlarge memory|Array buffer allocation failed|memory access out of bounds/i,
    say: () =>
      'onnxruntime ran out of memory with this model; it is too large for this browser (try a smaller model or input size)',
  },
  {
    test: /cannot be reshaped|running (\S+) node|Got invalid dimensions|shape mismatch|ShapeInferenceError/i,
    say: () =>
      'onnxruntime created the model but it failed its test run on a blank image: its graph does not fit the input the config describes (check model.input and the export settings)',
  },
];

const MAX_RUNTIME_TEXT = 300;

/** What went wrong, in words, followed by the runtime's own message (cleaned, at most 300 characters). */
export function explainRuntimeError(raw: string): string {
  const said = cleanRuntimeMessage(raw);
  const head = raw.slice(0, 4000);
  for (const rule of RULES) {
    const m = rule.test.exec(head);
    if (m) return `${rule.say(m)} (onnxruntime: ${said})`;
  }
  return `onnxruntime could not start it (onnxruntime: ${said})`;
}

/** The runtime's message without prefixes, source paths, signatures or blank lines, cut short. */
export function cleanRuntimeMessage(raw: string): string {
  // Bounded before any pattern runs over it.
  let s = raw
    .slice(0, 4000)
    .replace(/^(?:Error:\s*)?(?:Can't create a session|failed to call OrtRun\(\)|failed to run)[.:]?\s*/i, '')
    .replace(/ERROR_CODE:\s*\d+,\s*ERROR_MESSAGE:\s*/gi, '')
    .replace(/\S*onnxruntime[^\s:]*\.(?:cc|h|cpp):\d+\s*/g, '')
    .replace(/(?:onnxruntime|onnx)::[\w:<>~]+\([^)]*\)(?:\s*const)?\s*/g, '')
    .replace(/Status Message:\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (s === '') s = 'no message';
  return s.length > MAX_RUNTIME_TEXT ? `${s.slice(0, MAX_RUNTIME_TEXT - 1)}…` : s;
}
