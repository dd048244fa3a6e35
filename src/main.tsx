import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startApp } from './app/controller';
import { setupServiceWorker } from './app/register-sw';
import './app/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// Models load only once isolation is settled: the first visit on a header-less
// host reloads once, and a download started before it would be thrown away.
void setupServiceWorker().then((r) => {
  if (r.state !== 'reloading') void startApp();
});
