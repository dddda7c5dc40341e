// First: the validators compiled at build time, before anything on this page validates.
import './precompiled-validators';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import { FlowsApp } from './flows-app';
import '../shared/base.css';
import './flows.css';

createRoot(document.getElementById('root') as HTMLElement).render(<FlowsApp />);
