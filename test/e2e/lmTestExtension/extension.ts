// A test-only extension (loaded beside Triage by the e2e harness): models under vendor `triage-e2e`, scripted by the
// suites through the API activate() returns, so a `vscode-lm:triage-e2e/<family>` pool member can answer or fail.
// Several families, so a test's failures (remembered by Triage's cascade per model) do not reach the next test's model.
import * as vscode from 'vscode';

/** The vendor a pool names: `vscode-lm:triage-e2e/<family>`. */
export const E2E_VENDOR = 'triage-e2e';
/** The families offered. */
export const E2E_FAMILIES = ['e2e-echo', 'e2e-blocked', 'e2e-refusing', 'e2e-plain'] as const;
export type E2eFamily = (typeof E2E_FAMILIES)[number];

/** Asks Triage Auto a question (the argument, or a fixed one) and returns the answer's text. */
export const ASK_COMMAND = 'triageE2e.askTriageAuto';

/** How the model answers the next requests. */
export type E2eBehaviour =
  | { readonly kind: 'answer'; readonly chunks: readonly string[] }
  /** Throws VS Code's LanguageModelError of this code (as a vendor that blocks or refuses does), or a plain Error. */
  | { readonly kind: 'fail'; readonly error: 'Blocked' | 'NoPermissions' | 'NotFound' | 'plain' };

/** What the suites use. */
export interface E2eLmApi {
  behave(family: E2eFamily, behaviour: E2eBehaviour): void;
  /** Each request's family and messages as text (parts joined), oldest first. */
  readonly requests: readonly { readonly family: string; readonly messages: readonly string[] }[];
}

export function activate(context: vscode.ExtensionContext): E2eLmApi {
  const behaviours = new Map<string, E2eBehaviour>();
  const requests: { family: string; messages: string[] }[] = [];
  const provider: vscode.LanguageModelChatProvider = {
    provideLanguageModelChatInformation: () =>
      E2E_FAMILIES.map((family) => ({
        id: `${family}-1`,
        name: `E2E ${family}`,
        family,
        version: '1',
        maxInputTokens: 8000,
        maxOutputTokens: 1000,
        capabilities: { toolCalling: false, imageInput: false },
      })),
    async provideLanguageModelChatResponse(model, messages, _options, progress) {
      requests.push({ family: model.family, messages: messages.map((m) => m.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('')) });
      const behaviour = behaviours.get(model.family) ?? { kind: 'answer', chunks: [`${model.family} answer`] };
      if (behaviour.kind === 'fail') {
        const { error } = behaviour;
        if (error === 'plain') throw new Error('e2e vendor: failed');
        throw vscode.LanguageModelError[error](`e2e vendor: ${error}`);
      }
      for (const chunk of behaviour.chunks) progress.report(new vscode.LanguageModelTextPart(chunk));
    },
    provideTokenCount: async (_model, text) => Math.ceil((typeof text === 'string' ? text : JSON.stringify(text.content)).length / 4),
  };
  context.subscriptions.push(
    vscode.lm.registerLanguageModelChatProvider(E2E_VENDOR, provider),
    // Another extension calling Triage's models, as Copilot Chat would: VS Code names this extension as the caller.
    vscode.commands.registerCommand(ASK_COMMAND, async (question?: string) => {
      const [auto] = await vscode.lm.selectChatModels({ vendor: 'triage', id: 'auto' });
      if (!auto) throw new Error('Triage Auto is not listed');
      const response = await auto.sendRequest([vscode.LanguageModelChatMessage.User(question ?? 'What does a Map do in TypeScript?')], {}, new vscode.CancellationTokenSource().token);
      let text = '';
      for await (const chunk of response.text) text += chunk;
      void vscode.window.showInformationMessage(`Triage Auto answered: ${text.slice(0, 80)}`);
      return text;
    }),
  );
  return {
    behave: (family, b) => void behaviours.set(family, b),
    requests,
  };
}
