import { createRoot } from 'react-dom/client';
import { AcceptInvitePage } from '../accept-invite/accept-invite-page';
import { ConsoleApp } from './console-app';
import '../shared/base.css';
import './console.css';

// The API serves this page at `/accept-invite` too: an invite link opens the accept form, not the console.
const page =
  location.pathname === '/accept-invite' ? (
    <AcceptInvitePage token={new URLSearchParams(location.search).get('token')} />
  ) : (
    <ConsoleApp />
  );
createRoot(document.getElementById('root') as HTMLElement).render(page);
