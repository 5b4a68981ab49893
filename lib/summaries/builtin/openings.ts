// The small talk around what a call is about: greetings, thanks, identification questions and the
// phrases that announce the reason for calling. All case-insensitive, compiled once.

// "Hi Jamie, …", "Yes, …", "Great! …", "Thank you, Alex. …": stripped from the front of a
// sentence, with at most one name after the word.
const OPENING =
  /^(?:(?:hi|hello|hey|hallo|moin|servus|bonjour|bonsoir|salut|guten\s+(?:tag|morgen|abend)|good\s+(?:morning|afternoon|evening|day)|yes|yeah|yep|no|ja|nein|oui|non|okay|ok|alright|all\s+right|well|so|great|perfect|sure|of\s+course|certainly|absolutely|excellent|wonderful|right|got\s+it|also|alors|bon|d'accord|genau|gut|sehr\s+gut|super|prima|parfait|très\s+bien|bien\s+sûr|entendu|thank\s+you|thanks|danke|danke\s+schön|vielen\s+dank|merci|merci\s+beaucoup|bitte\s+schön)(?:\s+\p{L}[\p{L}'’-]*)?\s*[,!.;:]+\s*)+/iu;

/** Sentences that only keep the conversation polite: worth little in a summary. */
const COURTESY =
  /^(?:thank(?:s|\s+you)(?:\s+(?:so|very)\s+much)?\s+for|you(?:'ve|’ve|\s+have)\s+reached|welcome\s+to|this\s+is\s+\p{L}+|my\s+name\s+is|how\s+(?:can|may|might)\s+i\s+(?:help|assist)|is\s+there\s+anything\s+else|have\s+a\s+(?:nice|great|good|wonderful|lovely|pleasant)|you(?:'re|’re)\s+welcome|it\s+was\s+a\s+pleasure|(?:nice|pleased)\s+to\s+meet|may\s+i\s+(?:have|know|ask|get)\s+your|goodbye|bye|take\s+care|vielen\s+dank\s+für|danke\s+für|herzlich\s+willkommen|willkommen\s+bei|sie\s+sprechen\s+mit|mein\s+name\s+ist|hier\s+ist|wie\s+kann\s+ich\s+(?:ihnen\s+)?helfen|was\s+kann\s+ich\s+für\s+sie\s+tun|kann\s+ich\s+sonst\s+noch|(?:einen\s+)?schönen\s+tag|auf\s+wiederhören|tschüss|gern\s+geschehen|merci\s+(?:de|pour|d'avoir|d’avoir)|bienvenue|vous\s+êtes\s+(?:bien\s+)?(?:chez|au)|je\s+m(?:'|’)appelle|comment\s+puis-je|que\s+puis-je|bonne\s+(?:journée|soirée|fin)|au\s+revoir|je\s+vous\s+en\s+prie|avec\s+plaisir|y\s+a-t-il\s+autre\s+chose)/iu;

/** Identification questions ("could you provide your account number"): needed on the call, not in its summary. */
const VERIFICATION =
  /(?:(?:could|can|may|would)\s+(?:you|i)|please)\s+[^.?!]{0,40}?(?:provide|have|give|confirm|get|verify|share|tell|spell|know)\s[^.?!]{0,50}?(?:name|number|e-?mail|address|date\s+of\s+birth|birthday|digits|postcode|zip|details)|(?:können|könnten|würden)\s+sie\s+[^.?!]{0,40}?(?:nummer|namen|adresse|geburtsdatum|e-mail|postleitzahl)|(?:pouvez|pourriez)-vous\s+[^.?!]{0,30}?(?:donner|communiquer|confirmer|épeler|rappeler)\s[^.?!]{0,30}?(?:nom|numéro|adresse|date\s+de\s+naissance|code\s+postal)|puis-je\s+avoir\s+votre/iu;

/** Answers to those questions ("My account number is …", "It's alex at example dot com"). */
const IDENTIFICATION =
  /^(?:my\s+(?:\p{L}+\s+){0,2}(?:name|number|e-?mail|address|date\s+of\s+birth|birthday|digits)\s+(?:is|are)|it(?:'s|’s|\s+is)\s+(?:\p{L}+\s+)?(?:at|dot|\d|one|two|three|four|five|six|seven|eight|nine|zero)|the\s+last\s+four\s+digits|(?:mein|meine)\s+(?:\p{L}+\s+)?(?:name|nummer|kundennummer|adresse|e-mail|geburtsdatum)\s+ist|(?:mon|ma)\s+(?:nom|numéro|adresse|date\s+de\s+naissance)\s+est|je\s+m(?:'|’)appelle)/iu;

/** Why someone called: the sentences a reader looks for first. */
const REASON =
  /(?:calling\s+(?:about|because|regarding|to)|i(?:'m|’m|\s+am)\s+calling|i\s+wanted\s+to\s+(?:ask|know|check|find\s+out|report)|i(?:'d|’d|\s+would)\s+like\s+to|i(?:'m|’m|\s+am)\s+(?:having|interested|looking\s+for)|i\s+have\s+(?:a|an|some)\s+(?:question|problem|issue|trouble)|i\s+need\s+(?:some\s+)?help|ich\s+rufe\s+(?:wegen|an\s+wegen|an,?\s+weil|bezüglich)|ich\s+habe\s+(?:eine\s+frage|ein\s+problem)|ich\s+möchte|ich\s+würde\s+gern|ich\s+wollte|je\s+vous\s+appelle|j(?:'|’)appelle|je\s+voudrais|nous\s+voudrions|je\s+souhaite|je\s+dois|au\s+sujet\s+de|concernant|problème|problem|issue|can(?:'|’)t|cannot|doesn(?:'|’)t\s+work|not\s+working|no\s+longer|kann\s+nicht|funktioniert\s+nicht|geht\s+nicht|ne\s+(?:marche|fonctionne)\s+(?:pas|plus)|n(?:'|’)arrive\s+pas)/iu;

export function stripOpening(sentence: string): string {
  const rest = sentence.replace(OPENING, "");
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

export const isCourtesy = (body: string) => COURTESY.test(body);
export const isVerification = (sentence: string) =>
  VERIFICATION.test(sentence) || IDENTIFICATION.test(stripOpening(sentence));
export const statesReason = (sentence: string) => REASON.test(sentence);
