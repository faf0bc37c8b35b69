// Opens the Get Started walkthrough the first time Triage runs in demo mode, so a newcomer from `npm start` finds it.
export const WALKTHROUGH_ID = 'triage-dev.triage#triage.getStarted';
export const WALKTHROUGH_SHOWN_KEY = 'triage.walkthroughShownOnDemo';

/** The part of a VS Code Memento this needs (globalState: once per user, not per workspace). */
export interface ShownFlag {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** Opens the walkthrough once per user, only in demo mode; true when it opened it. The flag is set first, so a
 *  failing open never repeats on every start. */
export async function openWalkthroughOnFirstDemo(demo: boolean, state: ShownFlag, open: (id: string) => Thenable<unknown>): Promise<boolean> {
  if (!demo || state.get<boolean>(WALKTHROUGH_SHOWN_KEY) === true) return false;
  await state.update(WALKTHROUGH_SHOWN_KEY, true);
  await open(WALKTHROUGH_ID);
  return true;
}
