// Word lists for the built-in summariser. Stopwords are deliberately broad for phone calls: besides
// function words they hold the courtesy, filler and generic verbs every call is full of ("thanks",
// "okay", "want", "call"), which would otherwise win every frequency count.

export type Lang = "de" | "en" | "fr";
export const langs: readonly Lang[] = ["de", "en", "fr"];

const en = `a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's
hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me
more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own
same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them
themselves then there there's these they they'd they'll they're they've this those through to too under until
up very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while
who who's whom why why's will with won't would wouldn't you you'd you'll you're you've your yours yourself
yourselves just now still even ever yet already really actually currently certainly definitely probably
basically exactly absolutely totally quite rather maybe perhaps please thank thanks thankyou hello hi hey bye
goodbye okay ok alright yes yeah yep nope sure great good fine nice perfect lovely wonderful awesome well oh ah
uh um hmm mhmm uh-huh like know think get got getting gets want wanted wants need needed needs ask asked
asking say said tell told make made go going gone come came see look let help thing things something anything
everything nothing someone anyone much many lot lots bit little today tomorrow yesterday day time moment
minute second back right also one two three four five six seven eight nine ten first last next new able
call calling called calls speak speaking talk talking welcome appreciate glad happy sorry name anymore
twice once again always never sometimes often otherwise although though however instead already`;

const de = `aber alle allem allen aller alles als also am an ander andere anderen anders auch auf aus bei beim
bin bis bist bitte da dabei dadurch dafür dagegen daher dahin damit dann dar daran darauf darum das dass dasselbe
davon dazu dein deine dem den denn der derselbe des deshalb dessen dich die dies diese dieselbe diesem diesen
dieser dieses dir doch dort du durch ein eine einem einen einer eines einig einige einmal er es etwas euch euer
eure für gegen gewesen hab habe haben hat hatte hätte hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren
ihrer ihres im in indem ins ist ja jede jedem jeden jeder jedes jene jetzt kann kein keine keinem keinen keiner
können könnte könnten machen man manche mein meine meinem meinen meiner mich mir mit muss musste nach nicht
nichts noch nun nur ob oder ohne schon sehr sein seine seinem seinen seiner sich sie sind so solche soll sollte
sondern sonst über um und uns unser unsere unter viel vom von vor war waren warum was weil welche welchem welchen
welcher wenn wer werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar
zwischen hallo guten tag morgen abend danke dank vielen schön gern gerne tschüss wiederhören okay ok genau gut
prima super klar natürlich eben mal halt ganz gleich sofort eigentlich wirklich leider moment sekunde minute
heute gestern rufe rufen anrufen anruf frage fragen sagen gesagt geht gehen sehe sehen kommt kommen möchte
brauche brauchen weiß wissen glaube denke haben hätten wäre worden wurde eins zwei drei vier fünf sechs sieben
acht neun zehn herr frau ihnen wegen steht stehen stimmt einmal zweimal dreimal letzte letzten letzter
nächste nächsten bereits etwa sowie laut obwohl trotzdem dafür deswegen vielleicht tatsächlich wohl`;

const fr = `a à ai aie aient ait alors as au aucun aura aurai aussi autre aux avais avait avant avec avez avoir
avons bien bon c c' ça car ce ceci cela celle celles celui cependant ces cet cette ceux chaque chez ci comme
comment d d' dans de depuis des deux devez dire dit dois doit donc dont du elle elles en encore es est et étaient
était été être eu eux fait faire fais faut ici il ils j j' je jusqu jusqu' l l' la là le les leur leurs lui m m'
ma mais me même mes moi mon n n' ne ni non nos notre nous on ont ou où par parce pas peu peut peux plus pour
pourquoi puis qu qu' quand que quel quelle quelles quels qui quoi s s' sa sans se ses si sien soi sommes son
sont sous suis sur t t' ta te tes toi ton tous tout toute toutes très tu un une vos votre vous y oui merci
bonjour bonsoir salut revoir d'accord ok okay voilà voila alors ben euh bah beaucoup parfait super bonne journée
soirée madame monsieur mademoiselle excusez désolé désolée instant moment appelle appeler appel veux voudrais
voulez pouvez pourriez puis-je souhaite sais savoir vois voir vais allez allons va vont aujourd'hui demain hier
trois quatre cinq six sept huit neuf dix premier première aide aider cordialement plaît déjà dernier
dernière derniers dernières prochain prochaine toujours jamais seulement visiblement malheureusement
vraiment enfin crois pense normal normale fois`;

const toSet = (words: string) => new Set(words.split(/\s+/u).filter(Boolean));

export const stopwords: Record<Lang, ReadonlySet<string>> = { de: toSet(de), en: toSet(en), fr: toSet(fr) };
export const anyStopword: ReadonlySet<string> = new Set([...stopwords.de, ...stopwords.en, ...stopwords.fr]);

// Frequent words of other European languages a vendor may transcribe: a Spanish call shares "la"
// and "de" with French, and must not pass for it.
const others = toSet(`el los las por para con una está pero muy gracias hola qué cómo usted del ahora mismo también
bueno entonces porque cuando donde il di che non sono questo della grazie buongiorno allora anche molto perché
het een van niet ik je dat maar wat zijn voor ook wel heel bedankt goedemorgen não obrigado obrigada você
muito também bom então ele ela`);

// Words that tell the language apart: a language's stopwords minus those the others share ("in",
// "so", "a", "ok"), so a hit counts for one language only.
export const markers: Record<Lang, ReadonlySet<string>> = {
  de: new Set([...stopwords.de].filter((w) => !stopwords.en.has(w) && !stopwords.fr.has(w))),
  en: new Set([...stopwords.en].filter((w) => !stopwords.de.has(w) && !stopwords.fr.has(w))),
  fr: new Set([...stopwords.fr].filter((w) => !stopwords.de.has(w) && !stopwords.en.has(w))),
};
export const otherMarkers: ReadonlySet<string> = new Set([...others].filter((w) => !anyStopword.has(w)));

/** French elided articles and pronouns ("l'", "j'", "qu'"): split off their word and count as French. */
export const frenchElisions: ReadonlySet<string> = toSet("c d j l m n qu s t jusqu lorsqu puisqu quoiqu");

/** The part before an English apostrophe that makes the whole token a function word ("don't", "we'll"). */
export const englishContractionHeads: ReadonlySet<string> = toSet(
  "i you we they he she it that there what who let don can won isn aren wasn weren didn doesn couldn wouldn shouldn haven hasn hadn",
);

// Words frequent in calls yet useless as tags: adjectives, adverbs and verbs the stopwords do not
// catch. Scoring still counts them; only the tag list skips them.
export const notTags: ReadonlySet<string> = toSet(`available possible interested sounds understand information
details thing issues problem problems question questions assist assistance inquiry enquiry experience
customer service morning afternoon evening week weekend month year minutes hours days including
immediately shortly recently unfortunately anfrage frage problem kunde kunden service woche monat jahr
uhr stunde stunden tage problème question client service semaine mois heures jours number numbers
phone email e-mail address name names date birth birthday digits nummer telefonnummer kundennummer
adresse namen numéro téléphone adresse january february march april june july august september october
november december monday tuesday wednesday thursday friday saturday sunday januar februar märz juni juli
oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag janvier février mars avril
juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche`);

// Instruction words that describe the summary rather than the call ("focus on pricing" should boost
// "pricing", not "focus").
export const instructionNoise: ReadonlySet<string> = toSet(`focus summary summarise summarize summarizing
include mention highlight short brief concise bullet bullets points point action actions items item
language write keep detail details sentiment tone customer caller agent call calls always never only
zusammenfassung fasse fassen kurz kurze stichpunkte punkte erwähne betone schwerpunkt achte immer nie
résumé résume résumer court courte points mets mettre accent insiste toujours jamais`);
