// Whether a chat message leans on the answer before it ("why?", "and in Rust?") or is a new, self-contained question.

/** A follow-up this short can lean on the answer before it; a longer message stands on its own. */
export const SHORT_FOLLOW_UP_WORDS = 12;

// `\b` is ASCII-only in JavaScript, even with the `u` flag: these bound words in any script.
const B = String.raw`(?<![\p{L}\p{N}_])`;
const E = String.raw`(?![\p{L}\p{N}_])`;
const words = (list: string): string => `${B}(?:${list})${E}`;

// Idioms whose "it"/"they" point at nothing: "what time is it", "is it worth …", "they say".
const IDIOMS = new RegExp(
  words(String.raw`what\s+time\s+is\s+it|is\s+it\s+(?:worth|safe|bad|good|ok|okay|true|possible|normal|legal|healthy|hard|easy|better|wise|common|necessary|allowed|too\s+late)|do\s+they\s+speak|they\s+say|how\s+is\s+it\s+going`),
  'giu',
);

// Words that point back at the previous turn: pronouns, "the second one", "your code", "instead", "again"…
const REFERS_BACK = new RegExp(
  [
    words("it|its|it's|this|that|these|those|them|they|their|same|above|previous|earlier|instead|again|also|too|else|former|latter"),
    words(String.raw`(?:the|that|this|which|each|either|neither)\s+one|one\s+of\s+(?:them|those|these)|the\s+ones|version|variant`),
    words(String.raw`your|you\s+(?:said|wrote|mentioned|suggested|used|gave|showed|meant)|how\s+do\s+you\s+know|are\s+you\s+sure`),
    words(String.raw`the\s+(?:first|second|third|fourth|last|next|previous|other|above|earlier|code|function|example|answer|snippet|query|script|result|list|table|method|class|loop|regex|command|approach|solution|derivation|proof|formula|steps?)`),
    words(String.raw`(?:a|any)\s+(?:faster|better|simpler|cleaner|shorter|easier|safer|quicker|nicer)\s+(?:way|approach|solution|option)`),
    // A question that ends on a definite noun with no complement: "what's the time complexity?", "and the output?"
    String.raw`${B}the\s+(?:(?:time|space)\s+)?(?:complexity|output|result|difference|error|bug|problem|issue|runtime|performance|cost|trade-?offs?|downsides?|catch|alternative|big\s?o)\s*[?.!]*\s*$`,
    // Korean: 그/이/저 + noun, 아까, 방금, 위, 다시, 더, 또…
    String.raw`(?:왜\s?그래|그거|이거|저거|그건|이건|그게|이게|그걸|이걸|그것|이것|그\s?코드|이\s?코드|위의|위에서|아까|방금|다시|좀\s?더|두\s?번째|첫\s?번째|마지막\s?거|그럼|그러면)`,
    // Chinese, Japanese, Spanish, German, French, Portuguese: common back-references.
    String.raw`(?:这个|那个|它|怎么办|呢[?？]?$|それ|これ|あれ|で書いて|にして)`,
    words('eso|esto|ese|esa|das|dies|diese|dieser|ça|cela|celui|celle|isso|isto'),
  ].join('|'),
  'iu',
);

// Openings that continue a conversation: "and …", "what about …", "how come".
const CONTINUES = new RegExp(
  String.raw`^\s*[¿¡]?\s*(?:${words('and|but|so|or|then|why not|how come|what about|how about|what if|and if|really|instead|same|nope|y|e|et|und|auch|aber|pero|mais|também|tambien|también|и|а')}|그리고|그래서)`,
  'iu',
);

// Acknowledgements that may open either a follow-up or a new question: judged on what comes after them.
const ACKNOWLEDGEMENT = new RegExp(
  String.raw`^\s*(?:${words('ok|okay|k|thanks|thank you|thx|ty|great|cool|nice|got it|makes sense|perfect|yes|yeah|yep|no|hmm|wait|sure|now|alright|danke|gracias|merci|obrigado')}|고마워|감사합니다|좋아|응|네|아니|근데|그런데)[\s,.!:;-]*`,
  'iu',
);

// A fragment that only makes sense against the previous answer: "in rust?", "with async?", "sorted by size".
const FRAGMENT = new RegExp(
  String.raw`^\s*${words('in|with|without|using|for|on|via|as|into|from|to|across|by|at|about|under|over|per|only|except|excluding|including|sorted|descending|ascending|and in|but in')}\s+\S+(?:\s+\S+){0,3}\s*\??\s*$`,
  'iu',
);

// Requests to redo or change the previous answer: "shorter", "explain", "add tests", "make it async".
const REDO = new RegExp(
  String.raw`^\s*(?:(?:can|could|would)\s+you\s+|please\s+|pls\s+)?${words('shorter|longer|simpler|more|less|explain|elaborate|example|examples|an example|details|continue|go on|keep going|expand|rewrite|redo|try again|again|faster|cleaner|better|tldr|tl;dr|summari[sz]e|sources?|proof|add|remove|drop|exclude|include|keep|change|make|rename|refactor|optimi[sz]e|simplify|shorten|modify|update|extend|split|handle|now')}`,
  'iu',
);
const REDO_KO = /(?:더\s?자세히|예시|요약해|계속|다시\s?해|바꿔|고쳐|추가해|빼줘|해줘$)/u;

// A question word or an auxiliary at the start: the message asks something of its own ("why do cats purr").
const ASKS = new RegExp(
  String.raw`^\s*[¿¡]?\s*(?:${words('what|whats|what\'s|why|how|who|whom|whose|when|where|which|is|are|was|were|can|could|do|does|did|should|would|will|shall|may|might|must|has|have|qué|que|cómo|como|por qué|cuál|cuándo|dónde|quién|wie|warum|wo|wer|welche|quoi|pourquoi|comment|où|qui|quel|quelle|что|как|почему|где|кто|когда')}|什么|为什么|怎么|哪|谁|なに|何|なぜ|どう|どこ|だれ)`,
  'iu',
);
const ASKS_KO = /(?:뭐|무엇|왜|어떻게|누구|언제|어디|몇|어느|얼마|무슨)/u;

/**
 * True when `text` is a follow-up of the previous turn: short, without a selection, and leaning on it — a
 * reference back ("it", "the second one", "your code"), a continuing opening ("and …", "what about …"), a fragment
 * ("in rust?", "sorted by size"), a request to redo the answer ("shorter", "add tests"), or a bare one- or two-word
 * message that asks nothing of its own ("v7?", "population?"). A new self-contained question ("What is the capital
 * of Peru?", "why do cats purr") is not, however short, so it is classified on its own. An acknowledgement
 * ("thanks!") is judged by what follows it.
 */
export function isFollowUp(text: string, withSelection: boolean): boolean {
  if (withSelection) return false;
  const whole = text.trim();
  // The split stops after one word too many, so a pasted megabyte costs no more than a short message.
  if (whole === '' || whole.split(/\s+/, SHORT_FOLLOW_UP_WORDS + 1).length > SHORT_FOLLOW_UP_WORDS) return false;
  const rest = whole.replace(ACKNOWLEDGEMENT, '').trim();
  if (rest === '') return true; // "thanks", "ok": nothing new to classify
  // Chinese and Japanese do not separate words with spaces, so a word count says nothing there.
  const spaced = !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(rest);
  if (spaced && rest.split(/\s+/).length <= 2 && !ASKS.test(rest) && !ASKS_KO.test(rest)) return true;
  // A bare "why?" in each language the question words above are read in, with CJK punctuation too (`rest` is trimmed).
  if (/^[¿¡]?(?:why|왜(?:요|죠)?|por qu[eéê]|warum|pourquoi|почему|为什么|なぜ|どうして)\s*[?!.？！。…]*$/iu.test(rest)) return true;
  const plain = rest.replace(IDIOMS, ' ');
  if (plain !== rest) return REFERS_BACK.test(plain); // "is it worth …", "what time is it in …": the rest asks anew
  return CONTINUES.test(rest) || FRAGMENT.test(rest) || REDO.test(rest) || REDO_KO.test(rest) || REFERS_BACK.test(rest);
}
