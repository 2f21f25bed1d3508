export { type DateWindow, MAX_WINDOW_MS, splitDateRange } from './windows.js';
