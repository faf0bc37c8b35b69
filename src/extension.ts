// Entry point VS Code loads: hands activation to the host's composition root.
export { activate, deactivate } from './host/extension';
