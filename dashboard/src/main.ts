// Mounts the dashboard.
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

// Before anything formats a figure (lib/intl-warm-up.ts says why). Where workers are not allowed the page formats as
// before, only a little later.
try {
  new Worker(new URL('./lib/intl-warm-up.ts', import.meta.url), { type: 'module' });
} catch {}

mount(App, { target: document.getElementById('app')! });
