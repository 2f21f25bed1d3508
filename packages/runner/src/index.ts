export { mainCommand } from './cli/main-command.js';
export { VERSION } from './version.js';
