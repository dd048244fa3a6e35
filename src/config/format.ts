/** Human-readable lines for issues and load reports (CLI, build, UI). */
import type { ConfigIssue, LoadReport, RuntimeConfig } from './runtime-config.ts';

/** `<file>:<line>:<col> <path>: <message>`, the shape editors and CI logs link. */
export function formatIssueLine(file: string, issue: ConfigIssue): string {
  return `${file}:${issue.line ?? 1}:${issue.col ?? 1} ${issue.path === '' ? '(file)' : issue.path}: ${issue.message}`;
}

export function formatReport(config: RuntimeConfig, report: LoadReport): string[] {
  const version = `schema v${report.schemaVersion}${report.legacy ? ' (legacy)' : ''}`;
  const defaults = report.defaultsApplied.length > 0 ? report.defaultsApplied.join(', ') : 'none';
  const input =
    config.input.kind === 'static'
      ? `${config.input.width}x${config.input.height}`
      : `dynamic, longer side ${config.input.maxSide}`;
  return [
    `${version}, defaults applied: ${defaults}`,
    ...(report.migratedFrom !== null
      ? [`converted from schema v${report.migratedFrom} to the current runtime config`]
      : []),
    `${config.name} (${config.id}): ${config.modelFile}, input ${config.inputName} ${input}, stride ${config.stride}, output ${config.outputName} (${config.outputFormat})`,
    `preprocess: pad value ${config.padValue}; postprocess: confidence ${config.confidence}, iou ${config.iou}, max ${config.maxDetections} detections, ${config.classAgnostic ? 'class-agnostic' : 'per-class'} NMS`,
    `labels: ${config.labels.length} (${preview(config.labels)})`,
    ...report.warnings.map((w) => `warning: ${w}`),
  ];
}

function preview(labels: readonly string[]): string {
  return labels.length <= 4 ? labels.join(', ') : `${labels.slice(0, 3).join(', ')}, …, ${labels[labels.length - 1]}`;
}
