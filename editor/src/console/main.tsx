import { createRoot } from 'react-dom/client';
import { Home } from './home';
import './console.css';

createRoot(document.getElementById('root') as HTMLElement).render(<Home />);
