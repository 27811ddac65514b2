import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectCompareEvents, restoreRuns } from './store/compareActions';
import { connectDataEvents, restoreDataset } from './store/dataActions';
import { connectLocation } from './store/labLocation';
import { connectWorkerRecovery } from './store/workerRecovery';
import { App } from './ui/App';
import './ui/styles.css';

connectLocation();
connectDataEvents();
void restoreDataset();
connectCompareEvents();
void restoreRuns();
// a worker that dies mid-run is replaced, and the page restores what was saved as at this load
connectWorkerRecovery();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
