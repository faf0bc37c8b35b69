// The pools' shape and the defaults that ship: which models each pool tries, in order, and the final local fallback.

import type { ModelRef, PoolName } from '../request';

/** What the cascade knows about one model beyond its name. */
export interface ModelInfo {
  /** Context window in tokens (input plus output), when configured. */
  readonly contextWindow?: number;
  /** For models that think before answering by default (DeepSeek V4, Qwen 3): ask them to, or not to. Unset: the model's default. */
  readonly thinking?: 'on' | 'off';
  /** The model calls tools (function calling): a request with tools goes only to models with `tools: true`. */
  readonly tools?: boolean;
  /** The model takes images: a request with an image goes only to models with `images: true`. */
  readonly images?: boolean;
}

/** The validated pools configuration the cascade runs on. */
export interface PoolsConfig {
  /** Each pool's models, tried in order. A pool may be empty; escalation then passes over it. */
  readonly pools: Readonly<Record<PoolName, readonly ModelRef[]>>;
  /** The model tried last of all; must be served by a local provider. */
  readonly fallback: ModelRef;
  /** Extra facts per model, keyed by `provider:model`. */
  readonly models: Readonly<Record<string, ModelInfo>>;
}

/** The shipped pool lists, as the `provider:model` strings a user would write in settings. */
export const DEFAULT_POOL_REFS: Readonly<Record<PoolName, readonly string[]>> = {
  local: ['ollama:qwen2.5-coder:7b', 'ollama:qwen2.5:1.5b'],
  quick: ['deepseek:deepseek-flash', 'openai:gpt-6-luna', 'anthropic:claude-haiku-5-5'],
  coding: ['deepseek:deepseek-v4-pro', 'anthropic:claude-sonnet-5-5', 'openai:gpt-6-sol'],
  reasoning: ['deepseek:deepseek-v4-pro', 'openai:gpt-6-sol', 'anthropic:claude-opus-5-5'],
};

/** The shipped final fallback: the local coding model, the best answer that never leaves the machine. */
export const DEFAULT_FALLBACK_REF = 'ollama:qwen2.5-coder:7b';

/**
 * Facts the shipped defaults add under `triage.models` (a user's entry for the same model replaces them, field by
 * field). DeepSeek's models think by default and bill the thinking as output (api-docs.deepseek.com/guides/thinking_mode):
 * the quick pool's flash model answers without it, which is what "quick" is for. Tools and images: every shipped model
 * calls tools (the local Qwen 2.5 models list `tools` among their Ollama capabilities); images go to the OpenAI and
 * Anthropic models and to deepseek-flash (api-docs.deepseek.com/guides/vision), not to the local text models or to
 * deepseek-v4-pro, whose image input is not documented. Context windows: the local models' 32,768 tokens (the
 * Qwen2.5-1.5B-Instruct and Qwen2.5-Coder-7B-Instruct model cards; Coder's 131,072 needs YaRN rope scaling, which
 * Ollama's build does not turn on, and `ollama show` reports 32768), so Ollama is never sent a larger `num_ctx`; the
 * cloud models' windows are left unset (nothing is allocated for them, and their APIs report an over-long prompt).
 */
export const DEFAULT_MODEL_INFO: Readonly<Record<string, ModelInfo>> = {
  'deepseek:deepseek-flash': { thinking: 'off', tools: true, images: true },
  'deepseek:deepseek-v4-pro': { tools: true, images: false },
  'openai:gpt-6-luna': { tools: true, images: true },
  'openai:gpt-6-sol': { tools: true, images: true },
  'anthropic:claude-haiku-5-5': { tools: true, images: true },
  'anthropic:claude-sonnet-5-5': { tools: true, images: true },
  'anthropic:claude-opus-5-5': { tools: true, images: true },
  'ollama:qwen2.5-coder:7b': { tools: true, images: false, contextWindow: 32_768 },
  'ollama:qwen2.5:1.5b': { tools: true, images: false, contextWindow: 32_768 },
};
