import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectDataEvents, restoreDataset } from './store/dataActions';
import { App } from './ui/App';
import './ui/styles.css';

connectDataEvents();
void restoreDataset();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
