import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ErrorBoundary } from './app/ErrorBoundary.tsx';
import { startApp } from './app/start-app.ts';
import { setupServiceWorker } from './app/register-sw.ts';
import './app/app.css';

async function main(): Promise<void> {
  // The test build's seams (fault injection, window.__yolo); `npm run build` compiles this branch out.
  if (import.meta.env.MODE === 'test') (await import('./test-seams/install.ts')).installTestSeams();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
  // Models load only once isolation is settled: the first visit on a header-less
  // host reloads once, and a download started before it would be thrown away.
  const isolation = await setupServiceWorker();
  if (isolation.state !== 'reloading') await startApp();
}

void main();
