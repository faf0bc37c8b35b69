// Ollama's context per call: the `num_ctx` to allocate for a prompt, and how to tell from `prompt_eval_count` that
// Ollama cut the prompt to fit (it answers 200 either way).

/**
 * The smallest `num_ctx` sent. Ollama reloads a model whenever `num_ctx` changes, so calls should share one size:
 * with the default 2,048-token answer budget every prompt up to ~4,900 tokens (a classification, most edits and
 * chats) gets 8,192, and a model stays loaded across them. 8,192 costs ~0.44 GiB of f16 KV cache on qwen2.5-coder:7b.
 */
export const MIN_NUM_CTX = 8192;

/** Room over the (already generous) prompt estimate, for text that tokenises denser than the estimate assumes. */
const ESTIMATE_MARGIN = 1.25;

/**
 * The `num_ctx` for one call: room for the estimated prompt (plus a quarter) and the whole answer budget, rounded up
 * to a power of two, at least MIN_NUM_CTX, never more than the model's known window. Not the window itself: Ollama
 * allocates the KV cache for all of `num_ctx` (f16 for 32k tokens on qwen2.5-coder:7b, 28 layers × 4 KV heads × 128:
 * ~1.75 GiB), so a short prompt would pay for a long one. Powers of two keep the distinct sizes few (8k, 16k, 32k), so Ollama rarely reloads the model.
 * Without a known window the sized value is sent too: what the prompt needs, where Ollama's default (4k under
 * 24 GiB of VRAM, 2k in older versions) is what cut long prompts silently; Ollama caps it at the model's trained
 * length (ollama/ollama#1971), so only a window set in `triage.models` lets a cut at that length be recognised.
 */
export function contextSize(knownWindow: number | undefined, promptTokens: number, maxOutputTokens: number): number {
  const needed = Math.ceil(promptTokens * ESTIMATE_MARGIN) + maxOutputTokens;
  let size = MIN_NUM_CTX;
  while (size < needed) size *= 2;
  return knownWindow === undefined ? size : Math.min(knownWindow, size);
}

/** Tokens either side of a truncation signature still read as one (versions differ by a token or two). */
const SIGNATURE_SLACK = 4;

/**
 * Whether Ollama cut the prompt, from the done line's `prompt_eval_count` (the whole prompt, cached tokens included:
 * ollama/ollama#16428; absent on a cache hit in 2024's versions, which proves nothing). Ollama leaves one of three marks:
 * - older runners keep the last `num_ctx` tokens: the count is `num_ctx` (a prompt that fills the whole context
 *   leaves no room for the answer either, so that counts as too long as well);
 * - newer ones keep half the buffer (ollama/ollama#17427): the count is `num_ctx / 2 + 2`;
 * - the chat template drops whole early messages until the rest fits: any count below `num_ctx`, which only the
 *   estimate can reveal, when the prompt was estimated longer than the whole context.
 * A prompt of exactly half the context plus two reads as cut too; that band is 9 tokens wide, and a false alarm costs
 * one more call with a larger context (or, on a streamed chat, a note on a whole answer).
 */
export function promptWasCut(evaluated: number | undefined, numCtx: number, estimatedPromptTokens: number): boolean {
  if (!evaluated || evaluated <= 0) return false;
  if (evaluated >= numCtx - SIGNATURE_SLACK) return true;
  if (Math.abs(evaluated - (Math.floor(numCtx / 2) + 2)) <= SIGNATURE_SLACK) return true;
  return estimatedPromptTokens > numCtx && evaluated < numCtx;
}

/** Below this many estimated tokens a count says more about the chat template than about the text. */
const DENSITY_MIN_ESTIMATE = 1000;
/** The most a prompt is assumed to outgrow its estimate (base64 or hex runs out at ~3×). */
const DENSITY_MAX = 8;

/**
 * Per model, how many tokens Ollama counted per estimated token on the last long prompt it read: the next call's
 * context is sized from the estimate times that, so text that tokenises denser than the estimate (base64, minified
 * code) is not cut again when the question is asked again. A cut raises it past the context that did not hold.
 * An uncut long prompt replaces it, so one odd paste does not inflate every later context.
 */
export class TokenDensity {
  readonly #byModel = new Map<string, number>();

  /** The estimate scaled by what the model's last long prompt tokenised to. */
  scaled(model: string, estimate: number): number {
    return Math.ceil(estimate * (this.#byModel.get(model) ?? 1));
  }

  /** Ollama counted `evaluated` tokens of a prompt estimated at `estimate`, uncut. */
  counted(model: string, estimate: number, evaluated: number | undefined): void {
    if (estimate < DENSITY_MIN_ESTIMATE || !evaluated || evaluated <= 0) return;
    this.#set(model, evaluated / estimate);
  }

  /** A prompt estimated at `estimate` did not fit `numCtx` tokens. */
  cut(model: string, estimate: number, numCtx: number): void {
    if (estimate <= 0) return;
    this.#set(model, Math.max(this.#byModel.get(model) ?? 1, (numCtx + 1) / estimate));
  }

  #set(model: string, ratio: number): void {
    if (ratio <= 1) this.#byModel.delete(model);
    else this.#byModel.set(model, Math.min(ratio, DENSITY_MAX));
  }
}
