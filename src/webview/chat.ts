// Chat view script (browser). Filled in by the editor work; for now it only says ready.
import type { ViewToHost } from '../shared/protocol';

declare function acquireVsCodeApi(): { postMessage(message: ViewToHost): void };

acquireVsCodeApi().postMessage({ type: 'ready' });
