// Vocabulary cues that generalise across prompt styles and languages (English, Korean, some European).

/** A named yes/no cue tested against the lower-cased prose of a request. */
export interface Cue {
  readonly name: string;
  readonly pattern: RegExp;
}

/**
 * The cue list. Names are stable: they key the structural weights in weights.json,
 * so renaming one means retraining.
 */
export const CUES: readonly Cue[] = [
  {
    name: 'mechanicalEdit',
    pattern:
      /\b(?:renam\w*|reformat\w*|format(?:ting)?|indent\w*|typo\w*|spelling|misspell\w*|grammar\w*|punctuat\w*|syntax (?:error|mistake)s?|camel ?case|snake_?case|pascal ?case|kebab|upper ?case|lower ?case|capitali[sz]\w*|single quotes?|double quotes?|semicolons?|trailing|whitespace|docstrings?|comments?|jsdoc|javadoc|annotat\w*|type hints?|pep ?8|prettier|lint\w*|sort\w*|alphabetical\w*|dedup\w*|duplicates?|reorder\w*|var to (?:let|const)|arrow functions?|f-strings?|template literals?|compil\w*|list comprehensions?|destructuring|pythonic|modern syntax|coding style|style guide|ternary)\b|이름을? ?바꿔|맞춤법|오타|주석|들여쓰기|정렬|띄어쓰기|문법/,
  },
  {
    name: 'logicEdit',
    pattern:
      /\b(?:optimi[sz]\w*|refactor\w*|efficien\w*|performan\w*|faster|speed (?:it )?up|handle\w*|validat\w*|error handling|edge cases?|thread[- ]safe|concurren\w*|async\w*|cach\w*|memoi[sz]\w*|pagination|retry|retries|logging|secure|security|vulnerab\w*|extend\w*|support for|add (?:a |an )?(?:feature|option|parameter|argument|method|endpoint|check)|modif\w* .{0,40}to (?:also|handle|support|accept|return)|make (?:it|this) (?:work|handle|support|accept|return|faster|more)|instead of|bugs?|logic|incorrect|wrong result|doesn'?t work|not working|fails?)\b|최적화|리팩터|리팩토링|버그|예외 처리|성능/,
  },
  {
    name: 'writeCode',
    pattern:
      /\b(?:write|create|implement|build|develop|generate|make|design|construct|compose|code up|give me)\b.{0,50}\b(?:function|method|class|program|script|module|query|api|endpoint|app|application|component|algorithm|server|cli|bot|code|routine|procedure|tests?|unit tests?|decorator|hook|struct|interface|sql|dockerfile|workflow|config)\b|\b(?:function|method|program|script) (?:that|to|which)\b|함수|프로그램|코드를? ?(?:작성|짜|만들)|스크립트|구현/,
  },
  { name: 'unitTest', pattern: /\b(?:unit tests?|test cases?|pytest|jest|mocha|junit|assert\w*)\b|테스트/ },
  {
    name: 'explainCode',
    pattern:
      /\b(?:explain|describe|walk me through|what does|what is the purpose of|purpose of|how does)\b.{0,50}\b(?:code|snippet|function|program|script|line|lines|query|regex|expression|this|it)\b|설명해/,
  },
  { name: 'designStart', pattern: /^(?:design|architect|how would you (?:design|build|architect)|설계)/ },
  { name: 'dataStructure', pattern: /\b(?:cache|hash ?map|hash ?table|stack|queue|heap|linked list|tree|trie|array|deck|parking lot|vending machine|elevator|class|object[- ]oriented|data structure)\b/ },
  {
    name: 'outputQuestion',
    pattern:
      /\b(?:output|print(?:s|ed)?|return(?:s|ed)?|display(?:s|ed)?|result|evaluates? to|value of)\b.{0,40}\b(?:code|snippet|program|function|this|following|statement|expression)\b|\bwhat (?:does|will|would) (?:this|the following|it)\b.{0,40}\b(?:print|output|return|do|log)\b|출력/,
  },
  {
    name: 'whatsWrong',
    pattern:
      /\b(?:what(?:'s| is) wrong|wrong with|find (?:the )?(?:bugs?|errors?|issues?|problems?)|identify (?:any )?(?:bugs?|errors?|issues?|problems?|vulnerabilit\w*)|review|code review|debug\w*|(?:possible|potential) (?:issues?|problems?|bugs?)|security (?:issues?|flaws?|holes?)|vulnerabilit\w*|why (?:does|is|doesn'?t|isn'?t) (?:this|my|the)|crash\w*|exception|stack ?trace|traceback|error message)\b|문제점|오류|에러|왜 안/,
  },
  {
    name: 'design',
    pattern:
      /\b(?:architect\w*|system design|design (?:a|an|the) (?:system|service|platform|backend|database schema|distributed)|scal(?:e|able|ability|ing)|distributed|microservices?|high availability|fault[- ]toleran\w*|replicat\w*|shard\w*|load balanc\w*|throughput|latency|millions of|billions of|data pipeline|infrastructure|migrat\w*|roadmap)\b|설계|아키텍처|확장성|분산/,
  },
  {
    name: 'tradeoff',
    pattern:
      /\b(?:trade-?offs?|pros and cons|advantages and disadvantages|compare|comparison|versus|vs\.?|better (?:approach|choice|option)|which (?:is|would be) better|should (?:i|we) (?:use|choose|pick|go with)|strateg\w*|plan(?:ning)?|decid\w*|evaluate|weigh|implications?|consequences?)\b|장단점|비교|전략|계획/,
  },
  {
    name: 'proof',
    pattern:
      /\b(?:prove|proof|theorem|lemma|conjecture|rigorous\w*|derive|derivation|induction|probability|expected value|how many ways|combinations?|permutations?|estimate|fermi|puzzle|riddle|paradox)\b|증명|확률|경우의 ?수|추론/,
  },
  {
    name: 'logicPuzzle',
    pattern:
      /\b(?:tells? the truth|lies|liar|truth-?teller|knights?|knaves?|each (?:hold|have|has|is)|in a fixed order|left of|right of|to the (?:left|right) of|above|below|before|after|immediately|swap(?:ped|s)?|trade(?:d|s)?|at the start|at the end|deduc\w*|logically|valid argument|premises?|conclusion)\b/,
  },
  {
    name: 'concurrency',
    pattern: /\b(?:race conditions?|deadlocks?|mutex\w*|semaphores?|locks?|locking|atomic\w*|threads?|multithread\w*|concurren\w*|parallel\w*|goroutines?|memory model|consisten\w*|transactions?|isolation level)\b|동시성|교착/,
  },
  {
    name: 'definition',
    pattern:
      /^(?:what|who|when|where|which|whom|whose|why|how (?:does|do|is|are|did|many|much|far|long|old|hot|big))\b|\b(?:what (?:is|are|was|were)|define|definition|meaning of|explain (?:what|the|how|why)|difference between|stand for|tell me about)\b|뭐야|무엇|무슨|누구|언제|어디|어느|의미|뜻|란\??$|이란|설명/,
  },
  {
    name: 'howTo',
    pattern: /\b(?:how (?:can|do|should|would) (?:i|you|we|one)|how to|is there a way|what(?:'s| is) the (?:best |easiest |simplest )?way to|steps to)\b|어떻게|방법/,
  },
  {
    name: 'translate',
    pattern:
      /\b(?:translat\w*|in (?:english|french|spanish|german|korean|japanese|chinese|mandarin|italian|portuguese|russian|arabic|dutch)|into (?:english|french|spanish|german|korean|japanese|chinese|python|javascript|java|typescript|c\+\+|c#|go|rust|ruby|php|kotlin|swift)|to (?:python|javascript|java|typescript|c\+\+|c#|go|rust|ruby|php|kotlin|swift)|equivalent (?:of|in)|port (?:this|it)|traduc\w*|übersetz\w*|переведи)\b|번역|영어로|한국어로|일본어로|중국어로|翻译|翻訳/,
  },
  {
    name: 'summarise',
    pattern: /\b(?:summari[sz]\w*|summary|tl;?dr|paraphras\w*|rephras\w*|reword\w*|rewrite (?:this|the following) (?:sentence|paragraph|text|email|message)|shorten|condense|proofread\w*|more (?:formal|polite|concise|casual))\b|요약|다듬어|고쳐 ?줘|자연스럽게/,
  },
  { name: 'helloWorld', pattern: /\bhello,? world\b|헬로 ?월드/ },
  {
    name: 'convertCode',
    pattern: /\b(?:convert\w*|transform\w*|change (?:this|it|the following)|turn (?:this|it) into|replace\w*|swap)\b|변환|바꿔/,
  },
  {
    name: 'arithmeticWords',
    pattern:
      /\b(?:sum|total|difference|product|quotient|remainder|average|mean|percent\w*|ratio|twice|half|double|triple|times as|more than|less than|fewer than|each|per|altogether|left over|remaining|how many|how much|profit|loss|discount|interest|speed|rate|distance)\b|몇|모두 몇|합계|합은|합을|합이|의 합|의 차|차는 얼마|곱하|곱은|나누|더하|빼(?:면|기|고 남)|\d\s*배|몇 ?배|씩|남은|얼마|각각|평균/,
  },
  {
    name: 'wrongOperation',
    pattern: /\b(?:by mistake|mistakenly|instead of (?:adding|subtracting|multiplying|dividing)|accidentally)\b|잘못하여|잘못 ?계산|바르게 계산/,
  },
  { name: 'multipleChoice', pattern: /(?:^|\n|\s)(?:options?:|\(a\)|a\)\s?\S.*\bb\)|\ba\. .*\bb\. )/ },
  {
    name: 'opinionAdvice',
    pattern: /\b(?:recommend\w*|suggest\w*|advice|tips?|ideas?|best (?:way|practice)s?|should i|what are some|list (?:some|a few|of))\b|추천|조언/,
  },
  {
    name: 'extractClassify',
    pattern: /\b(?:classify|categori[sz]e|extract|identify the|label|sentiment|is the following|is this (?:sentence|statement)|plausible|sarcastic|which of the following)\b|분류|추출/,
  },
  {
    name: 'longForm',
    pattern: /\b(?:step[- ]by[- ]step|in detail|detailed|comprehensive|thorough\w*|guide me|walk me through|from scratch|entire|complete (?:guide|system|application))\b|자세히|단계별/,
  },
  { name: 'smallTask', pattern: /\b(?:simple|simply|quick(?:ly)?|short|small|one-?liner|single line|just|only|briefly|tiny)\b|간단/ },
  { name: 'regexFormula', pattern: /\b(?:regex|regular expression|regexp|excel formula|formula|one-liner|shell command|command line|bash command)\b|정규식|수식/ },
  { name: 'sqlQuery', pattern: /\b(?:sql|query|select|join|table|database|schema)\b|쿼리|데이터베이스/ },
];
