import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './console-app';
import '../shared/base.css';
import './console.css';

createRoot(document.getElementById('root') as HTMLElement).render(<ConsoleApp />);
