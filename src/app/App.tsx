import { useApp } from '../store/app-store';
import { DetectionList } from './DetectionList';
import { DropZone } from './DropZone';
import { ModelPanel } from './ModelPanel';
import { ResultView } from './ResultView';
import { SettingsPanel } from './SettingsPanel';
import { StatusLine } from './StatusLine';
import { Thresholds } from './Thresholds';
import { Timings } from './Timings';
import { WebcamPanel } from './WebcamPanel';
import { BenchPanel } from './BenchPanel';
import { CachePanel } from './CachePanel';

export function App() {
  const state = useApp((s) => s.state);
  return (
    <div className="app" data-testid="app" data-state={state}>
      <header className="app-header">
        <h1>YOLOv5 in your browser</h1>
        <p className="privacy">Runs entirely on this device: images and video never leave it.</p>
      </header>
      <StatusLine />
      <main className="layout">
        <section className="stage" aria-label="Image and detections">
          <DropZone />
          <WebcamPanel />
          <ResultView />
        </section>
        <aside className="side">
          <Thresholds />
          <DetectionList />
          <Timings />
          <ModelPanel />
          <SettingsPanel />
          <CachePanel />
          <BenchPanel />
        </aside>
      </main>
      <footer className="credits">
        Model: <a href="https://github.com/ultralytics/yolov5">Ultralytics YOLOv5n</a> (COCO, GPL-3.0), run with{' '}
        <a href="https://onnxruntime.ai/">ONNX Runtime Web</a>. App code MIT.
      </footer>
    </div>
  );
}
