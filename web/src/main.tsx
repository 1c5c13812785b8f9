import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppClient, liveUrl } from './apollo/client';
import { requestRefresh } from './session/refresh';
import { SESSION_KEY, SessionStore } from './session/session-store';
import './styles.css';

const session = new SessionStore({ refresh: (refreshToken) => requestRefresh(refreshToken) });
// Another tab signed in, refreshed or signed out: follow it (refresh tokens are one-use, so tabs must share them).
window.addEventListener('storage', (event) => {
  if (event.key === SESSION_KEY || event.key === null) session.syncFromStorage();
});
const { client } = createAppClient(session, { wsUrl: liveUrl(window.location) });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App client={client} session={session} />
  </StrictMode>,
);
