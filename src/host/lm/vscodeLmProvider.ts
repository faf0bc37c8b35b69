// The `vscode-lm` provider: pool members served by models other extensions offer through VS Code's language model API
// (Copilot's `copilot/gpt-5-mini`, any extension's), behind the same ChatProvider port as the SDK adapters.
import * as vscode from 'vscode';
import { TRIAGE_LM_VENDOR, VSCODE_LM_PROVIDER, parseVscodeLmModel } from '../../core/lm/vscodeLmModel';
import type { ChatCall, ChatEvent, ChatProvider, TokenUsage } from '../../core/ports';
import { estimateTokens } from '../../core/pricing/estimateTokens';
import { ProviderError } from '../../core/providerError';
import { lmProviderError } from './lmErrors';
import { toLmMessages, toLmTools } from './toLmMessages';

/** Shown by VS Code in the consent dialog the first time Triage asks another extension's model. */
export const LM_JUSTIFICATION = 'Triage routes your request to this model because it is a member of one of your Triage pools (triage.pools).';

/**
 * One provider for every `vscode-lm:<vendor>/<family>` entry. No key (VS Code asks the user's consent itself, once);
 * never local (Copilot's models run in the cloud). Each call selects the model afresh: extensions come and go.
 */
export class VscodeLmProvider implements ChatProvider {
  readonly id = VSCODE_LM_PROVIDER;
  readonly isLocal = false;

  async *streamChat(call: ChatCall): AsyncIterable<ChatEvent> {
    const parsed = parseVscodeLmModel(call.model);
    if (typeof parsed === 'string') throw new ProviderError('not-found', `${call.model}: ${parsed}.`, { scope: 'model' });
    const cts = new vscode.CancellationTokenSource();
    const cancel = () => cts.cancel();
    call.signal.addEventListener('abort', cancel, { once: true });
    try {
      if (call.signal.aborted) throw new ProviderError('cancelled', 'Cancelled.');
      const model = await this.select(parsed.vendor, parsed.selector, call);
      const messages = toLmMessages(call.system, call.messages);
      // Counted while the answer streams: the vendor reports no usage, so its own tokenizer gives the input's size.
      const inputTokens = countAll(model, messages, cts.token);
      const tools = toLmTools(call.tools);
      let response: vscode.LanguageModelChatResponse;
      try {
        response = await model.sendRequest(
          messages,
          {
            justification: LM_JUSTIFICATION,
            ...(tools ? { tools, toolMode: call.toolMode === 'required' ? vscode.LanguageModelChatToolMode.Required : vscode.LanguageModelChatToolMode.Auto } : {}),
          },
          cts.token,
        );
      } catch (error) {
        throw lmProviderError(error, call.model, call.signal.aborted);
      }
      let text = '';
      let toolCalls = 0;
      try {
        for await (const part of response.stream) {
          if (call.signal.aborted) break;
          if (part instanceof vscode.LanguageModelTextPart) {
            text += part.value;
            yield { type: 'delta', text: part.value };
          } else if (part instanceof vscode.LanguageModelToolCallPart) {
            const input = part.input;
            if (typeof input !== 'object' || input === null || Array.isArray(input)) {
              throw new ProviderError('malformed', `${call.model} called ${part.name} with arguments that are not a JSON object.`);
            }
            toolCalls++;
            yield { type: 'tool-call', callId: part.callId, name: part.name, input: input as Record<string, unknown> };
          }
        }
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        throw lmProviderError(error, call.model, call.signal.aborted);
      }
      if (call.signal.aborted) throw new ProviderError('cancelled', 'Cancelled.');
      const usage: TokenUsage = { inputTokens: await inputTokens, cachedInputTokens: 0, outputTokens: await countOne(model, text, cts.token) };
      yield { type: 'done', usage, servedModel: `${model.vendor}/${model.id}`, finishReason: toolCalls > 0 ? 'tool-calls' : 'stop' };
    } finally {
      call.signal.removeEventListener('abort', cancel);
      cts.dispose();
    }
  }

  /** The family's model, else the one with that id; never one of Triage's own (that would call Triage again). */
  private async select(vendor: string, selector: string, call: ChatCall): Promise<vscode.LanguageModelChat> {
    try {
      const notTriage = (models: readonly vscode.LanguageModelChat[]) => models.filter((m) => m.vendor.toLowerCase() !== TRIAGE_LM_VENDOR);
      const byFamily = notTriage(await vscode.lm.selectChatModels({ vendor, family: selector }));
      const found = byFamily[0] ?? notTriage(await vscode.lm.selectChatModels({ vendor, id: selector }))[0];
      if (found) return found;
    } catch (error) {
      throw lmProviderError(error, call.model, call.signal.aborted);
    }
    throw new ProviderError('not-found', `${call.model} is not offered by any installed extension (no ${vendor} model of family or id '${selector}').`, { scope: 'model' });
  }
}

/** The input's tokens by the model's own count, each message at once; the estimate where the vendor cannot count. */
async function countAll(model: vscode.LanguageModelChat, messages: readonly vscode.LanguageModelChatMessage[], token: vscode.CancellationToken): Promise<number> {
  const counts = await Promise.all(messages.map((m) => countOne(model, m, token)));
  return counts.reduce((a, b) => a + b, 0);
}

async function countOne(model: vscode.LanguageModelChat, what: string | vscode.LanguageModelChatMessage, token: vscode.CancellationToken): Promise<number> {
  try {
    const n = await model.countTokens(what, token);
    if (Number.isFinite(n) && n >= 0) return Math.round(n);
  } catch {
    // The vendor could not count (or the call was cancelled): the estimate below.
  }
  return estimateTokens(typeof what === 'string' ? what : textOf(what));
}

function textOf(message: vscode.LanguageModelChatMessage): string {
  return message.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : p instanceof vscode.LanguageModelToolCallPart ? JSON.stringify(p.input) : '')).join('');
}
