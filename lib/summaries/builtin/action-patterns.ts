// Commitment and request phrasings in English, German and French, matched against a sentence in
// lower case with plain apostrophes. Built once at module load: the summariser runs them on every
// sentence of every call.
//
// Verbs are listed rather than guessed so that in-call talk does not count: "could you provide
// your account number" or "can you give me your name" are requests answered during the call, not
// things left to do; "send", "check", "call back" are.

// JavaScript's \b knows only ASCII letters; these word edges know umlauts and accents.
const B = "(?<![\\p{L}\\p{N}'])";
const E = "(?![\\p{L}\\p{N}])";
const any = (parts: string[]) => `(?:${parts.join("|")})`;
const re = (source: string) => new RegExp(source, "u");

// English ----------------------------------------------------------------------------------------

const enSubject =
  "(?:i|we|he|she|they|someone|somebody|a colleague|a technician|an engineer|(?:our|the|my) (?:team|technician|engineer|colleague|manager|supervisor|department|office))";
const enWill =
  "(?:'ll|\\s+will|\\s+shall|'m\\s+going\\s+to|\\s+am\\s+going\\s+to|'re\\s+going\\s+to|\\s+are\\s+going\\s+to|\\s+is\\s+going\\s+to)";
const enAdverbs =
  "(?:\\s+(?:just|also|then|definitely|certainly|personally|first|quickly|gladly|still|surely|go\\s+ahead\\s+and|try\\s+to|try\\s+and|be\\s+sure\\s+to|\\p{L}+ly))*";
const enVerbs = any([
  "send",
  "e-?mail",
  "mail",
  "text",
  "call",
  "ring",
  "phone",
  "get\\s+back",
  "get\\s+in\\s+touch",
  "follow\\s+up",
  "check",
  "double-check",
  "look\\s+into",
  "have\\s+a\\s+look",
  "take\\s+a\\s+look",
  "review",
  "forward",
  "pass\\s+(?:it|this|that|your|the)",
  "arrange",
  "schedule",
  "book",
  "process",
  "refund",
  "credit",
  "prepare",
  "confirm",
  "contact",
  "reach\\s+out",
  "update",
  "investigate",
  "escalate",
  "fix",
  "issue",
  "create",
  "set\\s+up",
  "cancel",
  "extend",
  "ship",
  "deliver",
  "order",
  "let\\s+(?:you|them|him|her)\\s+know",
  "make\\s+sure",
  "note",
  "ask",
  "talk\\s+to",
  "speak\\s+(?:to|with)",
  "inform",
  "notify",
  "take\\s+care",
  "handle",
  "resolve",
  "organi[sz]e",
  "provide",
  "submit",
  "raise",
  "open",
  "file",
  "reimburse",
  "replace",
  "repair",
  "visit",
  "come\\s+(?:back|by|over|round|out)",
  "pick\\s+up",
  "write",
  "remind",
  "verify",
  "see\\s+to",
  "find\\s+out",
  "sort",
  "add",
  "change",
  "keep\\s+you\\s+posted",
  "get\\s+(?:you|it|that|this|the|a|an|someone)",
]);
const enAsk =
  "(?:please|kindly|(?:can|could|would|will)\\s+you(?:\\s+please)?|would\\s+you\\s+mind|you\\s+(?:need|have|will\\s+need|must)\\s+to|make\\s+sure\\s+(?:to|you)|don't\\s+forget\\s+to|remember\\s+to)";
const enRequestVerbs = any([
  "send",
  "e-?mail",
  "mail",
  "forward",
  "call\\s+(?:me|us|him|her|them)\\s+back",
  "call\\s+back",
  "call\\s+(?:me|us)",
  "give\\s+(?:me|us)\\s+a\\s+(?:call|callback|ring)",
  "ring\\s+(?:me|us)",
  "check",
  "double-check",
  "look\\s+into",
  "get\\s+back",
  "follow\\s+up",
  "let\\s+(?:me|us)\\s+know",
  "arrange",
  "schedule",
  "book",
  "fix",
  "update",
  "cancel",
  "process",
  "refund",
  "reset",
  "sign",
  "return",
  "pay",
  "submit",
  "upload",
  "fill\\s+(?:in|out)",
  "contact",
  "reach\\s+out",
  "confirm\\s+(?:it\\s+|this\\s+|that\\s+)?(?:by|in|via)\\s+(?:e-?mail|writing|letter|text)",
]);

// German -----------------------------------------------------------------------------------------

// [forms of the verb for "ich"/"wir", separable particle that must follow in the clause]
const deVerbs: Array<[forms: string, particle: string | null]> = [
  [
    "schicke|schicken|sende|senden|prüfe|prüfen|überprüfe|überprüfen|kläre|klären|veranlasse|veranlassen|erstelle|erstellen|storniere|stornieren|buche|buchen|notiere|notieren|informiere|informieren|bestelle|bestellen|schreibe|schreiben|maile|mailen|erledige|erledigen|korrigiere|korrigieren|organisiere|organisieren|überweise|überweisen|kontaktiere|kontaktieren|beauftrage|beauftragen",
    null,
  ],
  ["kümmere\\s+mich|kümmern\\s+uns|melde\\s+mich|melden\\s+uns", null],
  ["leite|leiten", "weiter"],
  ["trage|tragen", "ein"],
  ["bereite|bereiten", "vor"],
  ["lasse|lassen", "zukommen"],
  ["gebe|geben", "bescheid"],
  ["komme|kommen", "vorbei"],
  ["rufe|rufen", "zurück"],
  // "Ich frage beim Spediteur nach", not "ich frage nach dem Preis".
  ["frage|fragen", "nach(?=\\s*(?:$|[,.!?;]|und" + E + "))"],
  // "Ich rufe Sie morgen an", not "ich rufe Sie an, weil …" or "ich rufe Sie wegen der Rechnung
  // an": those say why one is calling now.
  ["(?:rufe|rufen)\\s+(?:sie|dich|euch|ihn)(?!\\s+(?:wegen|bezüglich|weil|aufgrund|an)" + E + ")", "an"],
];
const deClause = "[^.?!]{0,50}?";
const deParticle = (particle: string | null) => (particle ? `\\s+(?:[^.?!]{0,50}?\\s)?${particle}` : "");
const deVerbPhrase = (forms: string, particle: string | null) => `(?:${forms})${deParticle(particle)}${E}`;
const deInverted = (forms: string, particle: string | null) => `(?:${forms})\\s+(?:ich|wir)${deParticle(particle)}${E}`;
const deInfinitives = any([
  "schicken",
  "senden",
  "zusenden",
  "zuschicken",
  "zurückrufen",
  "anrufen",
  "prüfen",
  "überprüfen",
  "klären",
  "veranlassen",
  "erstellen",
  "stornieren",
  "buchen",
  "informieren",
  "bestellen",
  "melden",
  "kümmern",
  "weiterleiten",
  "nachfragen",
  "erledigen",
  "korrigieren",
  "organisieren",
  "vorbereiten",
  "kontaktieren",
  "beauftragen",
  "bescheid\\s+geben",
  "mailen",
  "schreiben",
  "überweisen",
  "eintragen",
  "vorbeikommen",
  "nachsehen",
  "nachschauen",
  "zukommen\\s+lassen",
]);
const deRequestInfinitives = any([
  "zurückrufen",
  "anrufen",
  "schicken",
  "senden",
  "zusenden",
  "zuschicken",
  "prüfen",
  "überprüfen",
  "nachsehen",
  "nachschauen",
  "weiterleiten",
  "mailen",
  "klären",
  "veranlassen",
  "stornieren",
  "korrigieren",
  "erstellen",
  "bescheid\\s+geben",
  "melden",
]);

// French -----------------------------------------------------------------------------------------

const frPronouns = "(?:(?:vous|te|le|la|les|lui|leur|en|y|me|nous|se)\\s+|l'|m'|s')*";
const frPresentToYou = any([
  "rappelle",
  "rappelons",
  "recontacte",
  "recontactons",
  "envoie",
  "envoyons",
  "transmets",
  "transmettons",
  "confirme",
  "confirmons",
  "prépare",
  "préparons",
  "fais\\s+parvenir",
  "faisons\\s+parvenir",
  "tiens\\s+au\\s+courant",
  "tenons\\s+au\\s+courant",
  "écris",
  "écrivons",
  "renvoie",
  "renvoyons",
  "adresse",
  "adressons",
  "réserve",
  "réservons",
  "rembourse",
  "remboursons",
]);
const frFuture = any([
  "rappellerai",
  "rappellerons",
  "rappellera",
  "enverrai",
  "enverrons",
  "enverra",
  "recontacterai",
  "recontacterons",
  "recontactera",
  "vérifierai",
  "vérifierons",
  "vérifiera",
  "transmettrai",
  "transmettrons",
  "transmettra",
  "confirmerai",
  "confirmerons",
  "confirmera",
  "préparerai",
  "préparerons",
  "préparera",
  "passerai",
  "passerons",
  "passera",
  "reviendrai",
  "reviendrons",
  "reviendra",
  "occuperai",
  "occuperons",
  "occupera",
  "traiterai",
  "traiterons",
  "traitera",
  "contacterai",
  "contacterons",
  "contactera",
  "ferai\\s+parvenir",
  "ferons\\s+parvenir",
  "tiendrai",
  "tiendrons",
  "écrirai",
  "écrirons",
  "rembourserai",
  "rembourserons",
]);
// "Nous allons …" takes any infinitive except those that promise nothing ("je vais être absent").
const frNotPromises = "(?:être|avoir|pouvoir|devoir|vouloir|savoir|falloir|aller|partir|arriver|rester|passer|mettre)";
const frRequestVerbs = any([
  "envoyer",
  "rappeler",
  "vérifier",
  "transmettre",
  "contacter",
  "recontacter",
  "faire\\s+parvenir",
  "regarder",
  "renvoyer",
  "corriger",
  "annuler",
  "modifier",
  "tenir\\s+au\\s+courant",
  "relancer",
  "rembourser",
  "traiter",
]);

/** Someone on the call promises to do something after it. */
export const COMMITMENTS: readonly RegExp[] = [
  re(`${B}${enSubject}${enWill}${enAdverbs}\\s+${enVerbs}${E}`),
  re(`${B}you(?:'ll|\\s+will)\\s+(?:receive|get)\\s+(?:a|an|the|your|it|our)${E}`),
  re(`${B}(?:ich|wir)\\s+${any(deVerbs.map(([forms, particle]) => deVerbPhrase(forms, particle)))}`),
  re(`${B}${any(deVerbs.map(([forms, particle]) => deInverted(forms, particle)))}`),
  // The second verb of "ich frage nach und melde mich morgen".
  re(
    `${B}(?:ich|wir)\\s[^.?!]{0,60}?\\s(?:und|dann)\\s+${any(deVerbs.map(([forms, particle]) => deVerbPhrase(forms, particle)))}`,
  ),
  re(`${B}(?:ich\\s+werde|wir\\s+werden|werde\\s+ich|werden\\s+wir)\\s+${deClause}${deInfinitives}${E}`),
  re(
    `${B}sie\\s+(?:bekommen|erhalten|hören)\\s+(?:von\\s+uns\\s+)?(?:eine|einen|ein|die|den|das|morgen|heute|bis|per|noch|umgehend|in|von)${E}`,
  ),
  re(
    `${B}(?:jemand|ein\\s+kollege|eine\\s+kollegin|der\\s+kollege|die\\s+kollegin|ein\\s+techniker|der\\s+techniker|unser\\s+techniker)\\s+(?:wird|meldet\\s+sich|ruft|kommt)${E}`,
  ),
  // "je vous envoie", "je vous l'envoie", "je le lui envoie"; not "je vous rappelle que…" (a reminder).
  re(
    `${B}(?:je|nous|on)\\s+(?:(?:le|la|les)\\s+)?(?:vous|te|lui|leur)\\s+(?:(?:le|la|les|en)\\s+|l')?${frPresentToYou}${E}(?!\\s+que${E})`,
  ),
  re(`${B}(?:je\\s+|j'|nous\\s+|on\\s+)${frPronouns}${frFuture}${E}`),
  re(
    `${B}(?:je|nous)\\s+(?:m'en\\s+occupe|m'occupe|m'en\\s+charge|me\\s+charge|nous\\s+en\\s+occupons|nous\\s+occupons|reviens\\s+vers|revenons\\s+vers|fais\\s+le\\s+nécessaire|faisons\\s+le\\s+nécessaire|vérifie|vérifions)${E}`,
  ),
  re(
    `${B}(?:je\\s+vais|nous\\s+allons|on\\s+va)\\s+(?:(?:vous|te|lui|leur|le|la|les|en|y|me|se|nous|tout\\s+de\\s+suite|immédiatement|rapidement|bien|aussi|donc)\\s+|l'|m'|s')*(?!${frNotPromises}${E})\\p{L}+(?:er|ir|re)${E}`,
  ),
  re(
    `${B}(?:quelqu'un|(?:le|un|notre)\\s+(?:technicien|conseiller|collègue|service))\\s+(?:passera|vous\\s+rappellera|vous\\s+contactera|vous\\s+recontactera|viendra|interviendra)${E}`,
  ),
  re(`${B}vous\\s+(?:allez\\s+recevoir|recevrez)${E}`),
];

/** Someone on the call asks the other side to do something. */
export const REQUESTS: readonly RegExp[] = [
  re(`${B}${enAsk}(?:\\s+(?:just|also|quickly|\\p{L}+ly))?\\s+${enRequestVerbs}(?:ing|s|ed)?${E}`),
  re(
    `(?:^|[,;:]\\s*)(?:please\\s+)?(?:call\\s+(?:me|us)\\s+back|send\\s+(?:me|us)|e-?mail\\s+(?:me|us)|give\\s+(?:me|us)\\s+a\\s+(?:call|ring))${E}`,
  ),
  re(`${B}bitte\\s+(?:[^.?!]{0,40}?\\s)?(?:zurückrufen|anrufen)${E}`),
  re(
    `${B}(?:bitte|bitten|bittet|bat)\\s+(?:sie\\s+)?um\\s+(?:einen\\s+|eine\\s+|den\\s+|die\\s+)?(?:rückruf|zusendung|prüfung|bestätigung|antwort|rückmeldung)`,
  ),
  re(`${B}(?:wünscht|wünsche|möchte|hätte\\s+gern|erbittet)\\s+(?:einen\\s+)?rückruf`),
  re(
    `(?:^|[,;:]\\s*|bitte\\s+|und\\s+)(?:rufen|schicken|senden|prüfen|überprüfen|melden|mailen|leiten|kontaktieren|informieren|überweisen)\\s+sie${E}`,
  ),
  re(`(?:^|[,;:]\\s*|bitte\\s+|und\\s+)geben\\s+sie\\s+${deClause}bescheid${E}`),
  re(`${B}(?:können|könnten|würden)\\s+sie\\s+${deClause}${deRequestInfinitives}${E}`),
  re(
    `${B}(?:pouvez|pourriez|pourrais|peux|voulez|voudriez)[- ](?:vous|tu)\\s+(?:(?:me|nous|le|la|les|lui|leur|bien|aussi|s'il\\s+vous\\s+plaît|svp)\\s+|m'|l')*${frRequestVerbs}${E}`,
  ),
  re(
    `(?:^|[,;:]\\s*|(?:merci|et)\\s+)(?:envoyez|rappelez|vérifiez|transmettez|contactez|recontactez|renvoyez|relancez|faites[- ]moi\\s+parvenir|tenez[- ]moi\\s+au\\s+courant)(?:-(?:moi|nous|le|la|les|lui|leur))*${E}`,
  ),
  re(
    `${B}(?:merci\\s+de|veuillez|je\\s+vous\\s+prie\\s+de)\\s+(?:(?:me|nous|le|la|les|lui|leur|bien)\\s+|m'|l')*(?:${frRequestVerbs}|confirmer)${E}`,
  ),
];

/** Talk about the call itself ("one moment", "kurz", "un instant"): what it promises happens while the call is on. */
export const IN_CALL = re(
  `${B}(?:right\\s+now|now|one\\s+moment|a\\s+moment|one\\s+second|a\\s+second|a\\s+sec|bear\\s+with\\s+me|hold\\s+on|on\\s+hold|kurz|mal\\s+eben|gerade|einen\\s+moment|moment\\s+bitte|jetzt|gleich\\s+mal|in\\s+der\\s+leitung|verbinde|un\\s+instant|un\\s+moment|une\\s+seconde|une\\s+minute|ne\\s+quittez\\s+pas|en\\s+attente|tout\\s+de\\s+suite|maintenant|je\\s+vous\\s+passe)${E}`,
);

/** "If we will ask you …", "wenn ich …", "si je …": a condition, not a promise. */
export const CONDITION_BEFORE = re(`(?:^|\\s)(?:if|whether|unless|wenn|falls|ob|si|s')\\s*$`);

/** Courtesy offers that leave nothing to do ("feel free to call us back"). */
export const COURTESY_OFFER = re(
  `${B}(?:feel\\s+free|(?:don't|do\\s+not)\\s+hesitate|if\\s+you\\s+(?:ever\\s+)?(?:need|have\\s+any|encounter|run\\s+into)|zögern\\s+sie\\s+nicht|wenn\\s+sie\\s+(?:noch\\s+)?(?:fragen|probleme)\\s+haben|n'hésitez\\s+pas|si\\s+vous\\s+avez\\s+(?:d'autres\\s+|des\\s+)?questions)${E}`,
);

/** A question tag turns a statement into a question only in form ("I'll send it, okay?"). */
export const TAG_QUESTION = re(
  `,\\s*(?:okay|ok|right|alright|all\\s+right|yes|yeah|ja|oder|nicht\\s+wahr|gell|ne|einverstanden|d'accord|non|n'est-ce\\s+pas|ça\\s+vous\\s+va|c'est\\s+bon)\\s*\\?\\s*$`,
);

/** A customer asking about buying: price, availability, offers, quotes. */
export const PURCHASE_INTEREST = re(
  `${B}(?:how\\s+much|price|pricing|cost|quote|offer|discount|availab|interested\\s+in|purchas|buy|was\\s+kostet|wie\\s+viel|preis|kosten|angebot|verfügbar|lieferbar|interess|kaufen|rabatt|combien|prix|tarif|coût|devis|offre|disponib|intéress|acheter|remise)`,
);
