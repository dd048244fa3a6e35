import { useApp } from '../store/app-store.ts';
import { DetectionList } from './DetectionList.tsx';
import { DropZone } from './DropZone.tsx';
import { ModelPanel } from './ModelPanel.tsx';
import { ResultView } from './ResultView.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import { StatusLine } from './StatusLine.tsx';
import { Thresholds } from './Thresholds.tsx';
import { Timings } from './Timings.tsx';
import { WebcamPanel } from './WebcamPanel.tsx';
import { VideoAnalysisPanel } from './VideoAnalysisPanel.tsx';
import { BenchPanel } from './BenchPanel.tsx';
import { CachePanel } from './CachePanel.tsx';
import { UpdateBanner } from './UpdateBanner.tsx';
import { BatchPanel } from './BatchPanel.tsx';

export function App() {
  const state = useApp((s) => s.state);
  return (
    <div className="app" data-testid="app" data-state={state}>
      <header className="app-header">
        <h1>YOLOv5 in your browser</h1>
        <p className="privacy">Runs entirely on this device: images and video never leave it.</p>
      </header>
      <UpdateBanner />
      <StatusLine />
      <main className="layout">
        <section className="stage" aria-label="Image and detections">
          <DropZone />
          <WebcamPanel />
          <VideoAnalysisPanel />
          <ResultView />
          <BatchPanel />
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
