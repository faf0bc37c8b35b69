// Whether a chat message leans on the answer before it ("why?", "and in Rust?") or is a new, self-contained question.

/** A follow-up this short can lean on the answer before it; a longer message stands on its own. */
export const SHORT_FOLLOW_UP_WORDS = 12;

// `\b` is ASCII-only in JavaScript, even with the `u` flag: these bound words in any script.
const B = String.raw`(?<![\p{L}\p{N}_])`;
const E = String.raw`(?![\p{L}\p{N}_])`;
const words = (list: string): string => `${B}(?:${list})${E}`;

// Words that point back at the previous turn: pronouns, "the second one", "your code", "instead", "again"…
const REFERS_BACK = new RegExp(
  [
    words('it|its|it\'s|this|that|these|those|them|they|their|one|ones|same|above|previous|earlier|instead|again|also|too|else|former|latter'),
    words('your|you said|you wrote|you mentioned|you suggested|you used'),
    words(String.raw`the\s+(?:first|second|third|fourth|last|next|previous|other|above|earlier|code|function|example|answer|snippet|query|script|version|result|list|table|method|class|loop|regex|command|approach|solution)`),
    words(String.raw`(?:a|any)\s+(?:faster|better|simpler|cleaner|shorter|easier|safer|quicker|nicer|shorter)\s+(?:way|version|approach|solution|option|one)`),
    // A question that ends on a definite noun with no complement: "what's the time complexity?", "and the output?"
    String.raw`${B}the\s+(?:(?:time|space)\s+)?(?:complexity|output|result|difference|error|bug|problem|issue|runtime|performance|cost|trade-?offs?|downsides?|catch|alternative|big\s?o)\s*[?.!]*\s*$`,
    // Korean: 그/이/저 + noun, 아까, 방금, 위, 다시, 더, 또…
    String.raw`(?:그거|이거|저거|그건|이건|그게|이게|그걸|이걸|그것|이것|그\s?코드|이\s?코드|위의|위에서|아까|방금|다시|좀\s?더|두\s?번째|첫\s?번째|마지막\s?거)`,
    // Chinese, Japanese, Spanish, German, French: a few common back-references.
    String.raw`(?:这个|那个|它|为什么|それ|これ|あれ|なぜ)`,
    words('eso|esto|ese|esa|das|dies|diese|dieser|ça|cela|celui|celle'),
  ].join('|'),
  'iu',
);

// Openings that continue a conversation: "and …", "why?", "what about …".
const CONTINUES = new RegExp(
  String.raw`^\s*(?:${words('and|but|so|or|then|why|why not|how come|what about|how about|what if|and if|really|instead|same|nope')}|그럼|그러면|그리고|근데|그런데|왜|그래서)`,
  'iu',
);

// Acknowledgements that may open either a follow-up or a new question: judged on what comes after them.
const ACKNOWLEDGEMENT = new RegExp(
  String.raw`^\s*(?:${words('ok|okay|k|thanks|thank you|thx|ty|great|cool|nice|got it|makes sense|perfect|yes|yeah|yep|no|hmm|wait|sure|now|alright')}|고마워|감사합니다|좋아|응|네|아니)[\s,.!:;-]*`,
  'iu',
);

// A fragment that only makes sense against the previous answer: "in rust?", "with async?", "for 10 items?".
const FRAGMENT = new RegExp(String.raw`^\s*${words('in|with|without|using|for|on|via|as|into|from|to|and in|but in')}\s+\S+(?:\s+\S+)?\s*\??\s*$`, 'iu');

// Requests to redo or change the previous answer: "shorter", "explain", "add tests", "make it async".
const REDO = new RegExp(
  String.raw`^\s*(?:(?:can|could|would)\s+you\s+|please\s+|pls\s+)?${words('shorter|longer|simpler|more detail|more details|explain|elaborate|example|examples|an example|details|continue|go on|keep going|expand|rewrite|redo|try again|again|faster|cleaner|better|tldr|tl;dr|summari[sz]e|sources?|proof|add|remove|change|make|rename|refactor|optimi[sz]e|simplify|shorten|modify|update|extend|split|handle|show me')}`,
  'iu',
);
const REDO_KO = /(?:더\s?자세히|예시|요약해|계속|다시\s?해|바꿔|고쳐|추가해)/u;

/**
 * True when `text` is a follow-up of the previous turn: short, without a selection, and referring back to it
 * (a pronoun or "the second one", a continuing opening such as "and"/"why", a fragment like "in Rust?", or a
 * request to redo the answer). A new self-contained question ("What is the capital of Peru?") is not, however
 * short, so it is classified on its own. An acknowledgement ("thanks!") is judged by what follows it.
 */
export function isFollowUp(text: string, withSelection: boolean): boolean {
  if (withSelection) return false;
  const whole = text.trim();
  if (whole === '' || whole.split(/\s+/).length > SHORT_FOLLOW_UP_WORDS) return false;
  const rest = whole.replace(ACKNOWLEDGEMENT, '').trim();
  if (rest === '') return true; // "thanks", "ok": nothing new to classify
  return CONTINUES.test(rest) || FRAGMENT.test(rest) || REDO.test(rest) || REDO_KO.test(rest) || REFERS_BACK.test(rest);
}
