"""Built-in generic knowledge: event cues, unit nouns, titles and involvement words.

Everything here is general English and general military/diplomatic vocabulary. Nothing
names a particular event, person or place; names come from the text. Country names,
acronyms, demonyms and capitals live in ``data/countries.tsv`` (see ``gazetteer``).
"""

from __future__ import annotations

# Event cue words and the event type they signal. A capitalised name next to a cue
# ("Battle of X", "X Pact", "Operation X") is an event name; the same cue in lower case
# after a proper modifier ("the Soviet-Japanese neutrality pact") is one too.
EVENT_CUES: dict[str, str] = {
    # battles and other engagements
    "battle": "Battle",
    "battles": "Battle",
    "siege": "Battle",
    "fall": "Battle",
    "sack": "Battle",
    "blockade": "Battle",
    "raid": "Battle",
    "skirmish": "Battle",
    "bombing": "Battle",
    "landing": "Battle",
    "landings": "Battle",
    "defence": "Battle",
    "defense": "Battle",
    # wars and conflicts
    "war": "War",
    "wars": "War",
    "conflict": "War",
    "conflicts": "War",
    # treaties and agreements
    "treaty": "Treaty",
    "treaties": "Treaty",
    "pact": "Treaty",
    "agreement": "Treaty",
    "accord": "Treaty",
    "accords": "Treaty",
    "convention": "Treaty",
    "protocol": "Treaty",
    "armistice": "Treaty",
    "peace": "Treaty",
    "truce": "Treaty",
    "instrument": "Treaty",
    "act": "Treaty",
    # conferences
    "conference": "Conference",
    "summit": "Conference",
    "congress": "Conference",
    # a meeting known by its place: "the Camp David meetings" (D11), "the Sèvres meeting"
    # (K02), "the Locarno negotiations" (M03); a lower-case cue names an event only after
    # a proper modifier that is no demonym (components.find_event_spans)
    "meeting": "Conference",
    "meetings": "Conference",
    "negotiations": "Conference",
    # incidents
    "incident": "Incident",
    "affair": "Incident",
    "crisis": "Incident",
    "massacre": "Incident",
    "uprising": "Incident",
    "rebellion": "Incident",
    "revolt": "Incident",
    "mutiny": "Incident",
    "rising": "Incident",
    "revolution": "Event",
    "restoration": "Event",
    "coup": "Incident",
    # operations
    "operation": "Operation",
    "offensive": "Operation",
    "campaign": "Operation",
    "invasion": "Operation",
    "invasions": "Operation",
    "conquest": "Operation",
    "occupation": "Operation",
    # competitions, elections and ceremonies: events people take part in, typed as plain
    # events ("the 2010 Winter Olympics", "the 1976 presidential election")
    "olympics": "Event",
    "games": "Event",
    "championship": "Event",
    "championships": "Event",
    "cup": "Event",
    "contest": "Event",
    "tournament": "Event",
    "election": "Event",
    "elections": "Event",
    "final": "Event",
    "awards": "Event",
    "festival": "Event",
    "expedition": "Event",
    # declarations
    "declaration": "Declaration",
    "proclamation": "Declaration",
    "ultimatum": "Declaration",
}

# Cues of events held again and again, whose edition a year after the name tells apart
# ("Eurovision Song Contest 2009", "FIS Alpine Skiing World Championships 1991").
EDITION_CUES: frozenset[str] = frozenset(
    {"olympics", "games", "championship", "championships", "cup", "contest", "tournament",
     "election", "elections", "final", "awards", "festival"}
)  # fmt: skip

# Meetings a text may leave unnamed and place instead ("a conference held in Munich").
MEETING_CUES: frozenset[str] = frozenset({"conference", "summit"})

# Cues that only make an event when followed by "of X" ("Act of Surrender", "Congress of
# Vienna"); on their own as "X Act" or "X Congress" they usually name laws or bodies.
OF_ONLY_CUES: frozenset[str] = frozenset(
    {
        "act",
        "instrument",
        "congress",
        "defence",
        "defense",
        "invasion",
        "occupation",
        "peace",
        "fall",
        "sack",
        # "the Treaties of Tilsit" are one settlement; "the Unequal Treaties" a series
        "treaties",
    }
)
# Cues that may precede a bare name with no "of" ("Operation Barbarossa"); in translated
# text other cues sometimes do too ("Incident Tonkin"), see INVERTED_CUES.
PREFIX_CUES: frozenset[str] = frozenset({"operation"})
# Cues that name an event in lower case too, when "of" and a proper name follow: "the
# battle of Bannockburn", "the famous battle of Poltava", "the six-month siege of Rhodes".
# In lower case other cues describe more often than they name ("a treaty of friendship
# with Prussia", "the conquest of Gaul").
LOWER_CASE_OF_CUES: frozenset[str] = frozenset({"battle", "siege"})
# Cues that name an event in lower case only when a place follows "of": "the fall of
# Constantinople", "the fall of the Berlin Wall" (not "the fall of Napoleon", "the fall
# of 1943").
LOWER_CASE_PLACE_CUES: frozenset[str] = frozenset({"fall"})
# Word order carried over from Romance languages puts the name after these cues
# ("Incidente Tonkin" -> "Incident Tonkin"); the canonical English name moves the cue
# last ("Tonkin Incident").
INVERTED_CUES: frozenset[str] = frozenset({"incident", "affair", "massacre"})

# Lower-case words that may sit between a proper modifier and a cue
# ("Soviet-Japanese neutrality pact", "Anglo-Soviet mutual assistance agreement").
EVENT_QUALIFIERS: frozenset[str] = frozenset(
    {
        "neutrality",
        "non-aggression",
        "nonaggression",
        "aggression",
        "peace",
        "border",
        "frontier",
        "mutual",
        "assistance",
        "naval",
        "civil",
        "world",
        "armistice",
        "trade",
        "friendship",
        "defence",
        "defense",
        "strategic",
        "offensive",
        "military",
        "air",
    }
)

# Common nouns that refer back to an event of a compatible type ("the pact", "this war").
ANAPHOR_TYPES: dict[str, tuple[str, ...]] = {
    "battle": ("Battle", "Incident", "Operation"),
    "battles": ("Battle", "Incident", "Operation"),
    "fighting": ("Battle", "Incident", "Operation", "War"),
    "siege": ("Battle",),
    "incident": ("Incident", "Battle"),
    "clash": ("Incident", "Battle"),
    "war": ("War",),
    "conflict": ("War", "Battle", "Incident"),
    "pact": ("Treaty",),
    "treaty": ("Treaty",),
    "agreement": ("Treaty",),
    "covenant": ("Treaty",),
    "accord": ("Treaty",),
    "conference": ("Conference",),
    "offensive": ("Operation", "War"),
    "operation": ("Operation", "War"),
    "invasion": ("Operation", "War"),
    "declaration": ("Declaration",),
    "treaties": ("Treaty",),
    "accords": ("Treaty",),
    "armistice": ("Treaty",),
    "truce": ("Treaty",),
    # "The rebellion began as a mutiny" (B08), "the first day of the rebellion" (K01),
    # "killed ... as part of the uprising" (B16), "The revolution was led by the
    # Bolsheviks" (D06), "ending the revolution" (B06).
    "rebellion": ("Incident", "Event"),
    "uprising": ("Incident", "Event"),
    "revolt": ("Incident", "Event"),
    "revolution": ("Event", "Incident"),
}

# Combining forms of state names used in compound event names ("Russo-Japanese War",
# "Sino-Soviet split", "Franco-Prussian War"); demonyms ("Soviet-Japanese") come from the
# gazetteer.
COMBINING_FORMS: dict[str, str] = {
    "russo": "Russia",
    "sino": "China",
    "franco": "France",
    "anglo": "United Kingdom",
    "austro": "Austria",
    "italo": "Italy",
    "greco": "Greece",
    "hispano": "Spain",
    "luso": "Portugal",
    "nippo": "Japan",
    "turco": "Turkey",
    "serbo": "Serbia",
    "indo": "India",
    "dano": "Denmark",
    "finno": "Finland",
    "polono": "Poland",
    "hungaro": "Hungary",
    "germano": "Germany",
    "americano": "United States",
}

# Acronyms for well-known events, expanded before matching.
EVENT_ACRONYMS: dict[str, str] = {
    "WWII": "World War II",
    "WW2": "World War II",
    "WWI": "World War I",
    "WW1": "World War I",
}

# Head nouns of military units, grouped by branch: two unit names merge only when they
# share their distinctive words and a branch ("X Army" and "X group" may, "X Army" and
# "X Navy" may not).
UNIT_BRANCHES: dict[str, str] = {
    "army": "land",
    "armies": "land",
    "group": "land",
    "front": "land",
    "corps": "land",
    "division": "land",
    "brigade": "land",
    "regiment": "land",
    "battalion": "land",
    "detachment": "land",
    "guard": "guard",  # a guard is no army: "the Red Guards", "the Red Army"
    "guards": "guard",
    "legion": "land",
    "cavalry": "land",
    "navy": "sea",
    "fleet": "sea",
    "flotilla": "sea",
    "squadron": "sea",
    "marines": "sea",
    "force": "air",
    "forces": "land",
    "aviation": "air",
}
# Nouns that make an ORG a military unit rather than a civil organisation.
# Words for battle, war, siege and treaty in the languages pages quote an event's other
# names in: "Bataille de Höchstädt", "Schlacht von Königgrätz", "Batalla de Ayacucho",
# "Slag bij Sadowa" (the word, then a particle), "Mohács Muharebesi" (Turkish puts it
# last), "Völkerschlacht" (a compound). A name built so is the event's name in another
# language, never a participant. Several are surnames too (Guerra, Krieg), hence the
# particle: "Juan Guerra" stays a person.
FOREIGN_EVENT_HEADS: frozenset[str] = frozenset(
    {"bataille", "batalla", "battaglia", "batalha", "schlacht", "slag", "slaget", "bitwa",
     "bitva", "bitka", "krieg", "guerre", "guerra", "traité", "tratado", "trattato",
     "siège", "sitio", "assedio", "belagerung"}
)  # fmt: skip
FOREIGN_EVENT_PARTICLES: frozenset[str] = frozenset(
    {"de", "di", "du", "des", "del", "della", "da", "do", "von", "vom", "bei", "am", "an",
     "um", "der", "vid", "bij", "pod", "u", "na", "od", "la", "le", "of"}
)  # fmt: skip
FOREIGN_EVENT_LAST: frozenset[str] = frozenset({"savaşı", "muharebesi", "kuşatması"})
FOREIGN_EVENT_SUFFIXES: tuple[str, ...] = ("schlacht", "krieg")

UNIT_HEADS: frozenset[str] = frozenset(
    {"army", "armies", "navy", "fleet", "flotilla", "squadron", "corps", "division", "brigade",
     "regiment", "battalion", "front", "detachment", "legion", "air force", "marines",
     "army group"}
)  # fmt: skip

# Titles of address as texts abbreviate them, before a name: "Maj. Gen. George B.
# McClellan" (D01), "Col. James Bowie" (B06), "Col. Edward M. House" (I03), "Gen. Sir John
# Maxwell" (K01), "Sig. Schanzer" (P03).
TITLE_ABBREVIATIONS: frozenset[str] = frozenset(
    {"gen", "col", "maj", "capt", "lt", "adm", "sen", "gov", "sig", "sgt", "brig", "cmdr",
     "mme", "mlle"}
)  # fmt: skip
# Titles of address in other languages: "Signor Scialoja" (M03), "Sig. Ricci" (P03),
# "Monsieur Sinfray" (O02).
FOREIGN_HONORIFICS: frozenset[str] = frozenset(
    {"signor", "señor", "senor", "herr", "monsieur", "madame", "mademoiselle"}
)

# Titles and ranks that are not part of a person's name ("Marshal Michel Ney",
# "Emperor Meiji"). They are stripped from person names, wherever they stand.
PERSON_TITLES: frozenset[str] = TITLE_ABBREVIATIONS | FOREIGN_HONORIFICS | frozenset(
    {
        "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "king", "queen", "emperor",
        "empress", "tsar", "czar", "kaiser", "prince", "princess", "duke", "count",
        "baron", "president", "premier", "chancellor", "minister", "secretary",
        "ambassador", "envoy", "general", "generalissimo", "marshal", "field",
        "admiral", "vice", "rear", "colonel", "lieutenant", "major", "captain",
        "commander", "commissar", "sergeant", "private", "corporal", "brigadier",
        "comrade", "chairman", "foreign", "prime", "defense", "defence", "war",
        "deputy", "chief", "supreme", "pope", "saint", "st", "senator", "governor",
        "mayor", "professor", "prof", "retired", "colonel-general", "countess", "earl",
        "marquis", "marquess", "viscount", "archduke", "sultan", "shah", "caliph", "vizier",
        "cardinal", "viceroy", "pharaoh", "emir", "khedive", "doge", "dauphin",
    }
)  # fmt: skip

# Languages and scripts that label a gloss in brackets and are no state's demonym
# ("(Arabic: ...)", "(Serbo-Croatian: ...)", "(pinyin: ...)"); demonyms ("German:",
# "Croatian:") label glosses too (extract.components._language_label).
LANGUAGE_WORDS: frozenset[str] = frozenset(
    {"arabic", "latin", "serbo-croatian", "gaelic", "sanskrit", "hebrew", "yiddish",
     "pinyin", "romanized", "romanised", "shinjitai", "kyūjitai", "kanji", "hanja", "hangul",
     "wade-giles", "old norse", "hindustani", "urdu", "hindi", "tamil", "bengali", "punjabi",
     "ukrainian", "persian", "pashto", "kurdish", "swahili", "zulu", "basque", "catalan",
     "galician", "occitan", "welsh", "breton", "cornish", "manx", "scots", "frisian"}
)  # fmt: skip

# Lower-case particles inside people's names ("Charles de Gaulle", "Otto von Bismarck").
NAME_PARTICLES: frozenset[str] = frozenset(
    {"de", "da", "di", "von", "van", "der", "den", "la", "le", "bin", "ibn", "al", "el", "y",
     "dos", "das", "del", "zu", "ter"}
)  # fmt: skip

# Arabic and Persian name parts written in lower case, joined by a hyphen to the word
# after ("Siraj ud-Daulah", "Muzaffar ad-Din Gökböri") or apart ("Abd er Rahman", "Zaid
# ibn Shaker"). Apart, only those that are no English word ("as", "at", "an" are).
HYPHENED_NAME_PARTICLES: frozenset[str] = frozenset(
    {"al", "el", "ad", "ud", "ed", "er", "ul", "ar", "as", "ash", "at", "az", "an", "ibn", "bin"}
)
SPACED_NAME_PARTICLES: frozenset[str] = frozenset(
    {"ibn", "bin", "bint", "al", "el", "er", "ed", "ud", "ul"}
)

# Titles of nobility held "of" a territory: "Duke of X" is a person, not the place X.
NOBLE_TITLES: frozenset[str] = frozenset(
    {"duke", "duchess", "earl", "count", "countess", "marquess", "marquis", "baron",
     "baroness", "viscount", "elector", "archduke", "archduchess", "margrave", "landgrave"}
)  # fmt: skip

# Titles that mark their holder as a commander when they stand in an event's context.
COMMAND_TITLES: frozenset[str] = frozenset(
    {"commander", "general", "marshal", "admiral", "colonel", "generalissimo",
     "commander-in-chief", "lieutenant", "brigadier", "major"}
)  # fmt: skip

# Verbs (lemmas) whose agents or patients take part in the event in context.
INVOLVEMENT_VERBS: frozenset[str] = frozenset(
    {
        "attack", "invade", "fight", "defeat", "win", "lose", "surrender", "capture",
        "occupy", "cross", "surround", "encircle", "bomb", "launch", "advance", "retreat",
        "withdraw", "repel", "repulse", "expel", "destroy", "command", "lead", "order",
        "sign", "conclude", "denounce", "violate", "comply", "ratify", "declare",
        "negotiate", "oppose", "resist", "clash", "mobilize", "mobilise", "deploy",
        "reinforce", "kill", "wound", "suffer", "sink", "strike", "land", "enter",
        "liberate", "annex", "break", "end", "join", "participate", "engage", "shell",
        "storm", "besiege", "rout", "overrun", "counterattack", "ambush", "seize",
        "take", "drive", "push", "hold", "defend", "lay", "cede", "renounce",
        "serve", "enlist", "volunteer", "compete", "represent", "contest", "medal", "finish",
        "place", "elect", "nominate", "perform", "host", "fly", "die",
        "abrogate", "terminate", "attend", "meet", "agree", "guarantee", "fulfil",
        "fulfill", "proclaim", "start", "begin", "wage", "conduct", "carry",
        "recapture", "disarm", "evacuate", "intervene", "escalate", "demand",
    }
)  # fmt: skip

# A state's or ruler's envoys make its treaty or attend its meeting: "representatives from
# the Soviet Union, East Germany, ... signed the Bratislava Declaration" (H02), "concluded
# between the representatives of Louis XIV ..." (C13), "the representatives of France, the
# Empire, Spain ... met at Münster" (A14), "the delegates of the four powers" (I03).
ENVOY_NOUNS: frozenset[str] = frozenset(
    {"representatives", "representative", "delegates", "delegate", "delegations",
     "plenipotentiaries", "plenipotentiary", "envoys"}
)  # fmt: skip

# Nouns whose modifiers or possessors take part ("Japanese troops", "Soviet victory").
INVOLVEMENT_NOUNS: frozenset[str] = frozenset(
    {
        "troops", "troop", "forces", "force", "army", "armies", "soldier", "soldiers",
        "unit", "units", "division", "divisions", "cavalry", "infantry", "artillery",
        "tanks", "aircraft", "aviation", "navy", "fleet", "casualties", "losses", "dead",
        "victory", "defeat", "offensive", "attack", "counterattack", "invasion", "command",
        "commander", "commanders", "positions", "equipment", "side", "delegation",
        "signature", "government", "leadership", "military", "squadrons", "patrol",
        "garrison", "prisoners", "surrender", "advance", "retreat", "warships",
        "gunboats", "bombers", "fighters", "planes", "airborne", "marines",
    }
) | ENVOY_NOUNS  # fmt: skip

# Verbs that put their subject on a treaty as a party ("X signed the pact").
SIGNING_VERBS: frozenset[str] = frozenset({"sign", "conclude", "ratify", "agree", "accede"})
# Words for making a document at a meeting: "the agreement was negotiated at a conference",
# "the charter, issued at the conclusion of the conference", "the signing of X at Y".
MAKING_WORDS: frozenset[str] = frozenset(
    {"sign", "signing", "negotiate", "conclude", "agree", "issue", "adopt", "draft",
     "reach", "ratify", "proclaim", "approve"}
)  # fmt: skip
# The part of a meeting a document is made at ("at the conclusion of the conference").
MEETING_PHASES: frozenset[str] = frozenset(
    {"conclusion", "end", "close", "closing", "opening", "start", "beginning", "height"}
)
# What a text calls an event when it names the wider event it belongs to: "was the last
# significant battle of the Wars of the Roses", "the first engagement in the war".
PART_NOUNS: frozenset[str] = frozenset(
    {"battle", "engagement", "siege", "clash", "action", "campaign", "operation",
     "offensive", "fight", "confrontation", "encounter", "part"}
)  # fmt: skip
# Verbs of an event happening, whose "during X" names the wider event ("The Battle of
# Sedan was fought during the Franco-Prussian War", "took place ... during the X").
HAPPENING_VERBS: frozenset[str] = frozenset({"fight", "take", "occur", "happen", "wage"})
DENOUNCING_VERBS: frozenset[str] = frozenset(
    {"denounce", "abrogate", "renounce", "repudiate", "annul", "terminate", "violate"}
)
# Verbs and nouns after which "by X" / the subject is the commanding person.
COMMAND_WORDS: frozenset[str] = frozenset({"command", "lead", "commander", "head", "direct"})

# Prepositions whose objects are places, not actors ("in Moscow", "at Yalta").
LOCATIVE_PREPS: frozenset[str] = frozenset(
    {"in", "at", "near", "on", "into", "across", "along", "from", "to", "toward",
     "towards", "through", "over", "off", "around", "inside", "within", "beyond",
     "aboard", "onboard", "throughout", "outside", "beneath", "via"}
)  # fmt: skip

# Common nouns that make the name after them a place ("the river Orontes", "Lake Trasimene").
PLACE_NOUNS = frozenset(
    {"river", "lake", "mount", "mountain", "mountains", "sea", "island", "islands", "bay",
     "cape", "strait", "peninsula", "hill", "valley", "gulf", "city", "town", "village",
     "province", "region", "desert", "plateau", "ridge", "port"}
)  # fmt: skip

# Heads of places named after an owner, which keep the owner's possessive inside an event's
# name: "the Battle of Freeman's Farm" (A18), "Breed's Hill" (F03), "Rorke's Drift" (D03).
POSSESSIVE_PLACE_HEADS = PLACE_NOUNS | frozenset(
    {"farm", "drift", "ferry", "creek", "bluff", "gap", "station", "crossroads", "mill",
     "landing", "field", "run", "wood", "woods", "bridge", "ford", "church", "tavern",
     "point", "corner", "heights"}
)  # fmt: skip

# Titles that only ever stand before a person's name ("Foreign" or "Supreme" may start an
# organisation's name too, so they are not here).
ADDRESS_TITLES = TITLE_ABBREVIATIONS | FOREIGN_HONORIFICS | frozenset(
    {"general", "marshal", "admiral", "colonel", "emperor", "empress", "king", "queen",
     "prince", "princess", "president", "chancellor", "premier", "ambassador", "captain",
     "lieutenant", "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "tsar", "czar", "kaiser",
     "duke", "baron", "pope", "senator", "governor", "mayor", "professor", "comrade",
     "count", "countess", "earl", "marquis", "marquess", "viscount", "archduke", "sultan",
     "shah", "caliph", "vizier", "cardinal", "commander", "major", "brigadier", "viceroy",
     "pharaoh", "emir", "khedive", "doge"}
)  # fmt: skip

# A title in the plural before a list of names makes each a person: "Senators Lodge and
# Underwood" (P03), "Delegates White and Gummeré" (M02), "Generals Lecomte and Clément
# Thomas" (N02), "Colonels Prescott and Pepperell" (F03).
PLURAL_TITLES: frozenset[str] = frozenset(
    {"generals", "marshals", "admirals", "colonels", "captains", "lieutenants", "majors",
     "brigadiers", "commanders", "senators", "governors", "ambassadors", "delegates",
     "presidents", "premiers", "chancellors", "kings", "emperors", "princes", "dukes",
     "counts", "barons", "earls", "lords", "marquises", "viscounts", "archdukes",
     "sultans", "cardinals", "messrs"}
)  # fmt: skip

# Nouns that end the name of a body, not of a person ("President's Council").
BODY_NOUNS = frozenset(
    {"ministry", "council", "command", "committee", "government", "office", "staff",
     "family", "court", "party", "headquarters", "army", "navy", "guard", "house"}
)  # fmt: skip

# Nouns a text addresses or refers to someone by ("your Majesty", "Their Excellencies"):
# standing alone they name no one.
ADDRESS_NOUNS = frozenset(
    {"majesty", "majesties", "highness", "highnesses", "excellency", "excellencies",
     "holiness", "lordship", "lordships"}
)  # fmt: skip

# Heads that make a name a coalition of states or parties, an actor whatever NER thought:
# "the Grand Alliance", "the Eight-Nation Alliance", "the Sixth Coalition", "the Hellenic
# League". The treaty that made one is named so ("Treaty of Alliance"), not the coalition.
COALITION_HEADS = frozenset({"alliance", "coalition", "league"})

# Heads that make a name a state, whatever NER thought: "the Egyptian Empire", "the Mughal
# Empire", "the Delhi Sultanate", "the Kingdom of Sardinia".
POLITY_HEADS = frozenset(
    {"empire", "kingdom", "caliphate", "sultanate", "khanate", "emirate", "shogunate",
     "republic", "confederation", "confederacy", "duchy", "principality", "electorate",
     "tsardom"}
)  # fmt: skip

# An infobox's marks of a commander killed, wounded, taken, dead of wounds or missing in
# action, which copied text glues to the name ("Juan de RecaldeKIA").
CASUALTY_MARKERS: frozenset[str] = frozenset({"KIA", "WIA", "POW", "DOW", "MIA"})
# The word a box prints after a commander put to death, spaced, at the end of his line
# ("Pavel Pestel Executed", "Jack Straw Executed"): his fate, not part of his name.
FATE_WORDS: frozenset[str] = frozenset({"Executed"})

# Field names of Wikipedia's conflict, treaty and event boxes, which copied pages run into
# their values: "DateSeptember 17, 1862" (D01), "SignatoriesFerdinand II of Aragon" (A12),
# "ResultAlliance victory" (B16), "LocationCape Trafalgar, Spain" (B01), "LocationNanjing,
# Qing Empire" (L02); NER then reads "ResultAlliance" as a name.
INFOBOX_FIELDS: tuple[str, ...] = (
    "Date", "Dates", "Location", "Result", "Belligerents", "Combatants", "Commanders",
    "Strength", "Casualties", "Participants", "Outcome", "Type", "Purpose", "Signed",
    "Sealed", "Effective", "Condition", "Expiration", "Signatories", "Parties",
    "Negotiators", "Mediators", "Ratifiers", "Depositary", "Languages", "Created",
    "Ratified", "Venue", "Goals", "Methods", "Deaths", "Injuries", "Arrests", "Perpetrators",
)  # fmt: skip

# Feasts of the calendar, which date what happened on them ("on Easter Monday, 24 April
# 1916", "crowned on Christmas Day 1066", "on 25 October 1415 (Saint Crispin's Day)");
# NER tags them as events or people. The word after a feast that still names a day or a
# season of it ("Easter Week"); any other word makes an event's name ("the Easter
# Rising", "the Christmas Truce").
FEASTS: frozenset[str] = frozenset(
    {"christmas", "easter", "whitsun", "whitsunday", "pentecost", "thanksgiving", "michaelmas",
     "candlemas", "epiphany", "lent", "advent", "hogmanay"}
)  # fmt: skip
FEAST_TIMES: frozenset[str] = frozenset(
    {"day", "eve", "monday", "sunday", "week", "weekend", "morning", "night"}
)

# Numbers in words, as treaties date themselves ("the twenty fourth day of December one
# thousand eight hundred and fourteen", extract/dates.py) and as ordinals name the
# second of two events ("the second Persian invasion").
_UNIT_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
)  # fmt: skip
CARDINAL_NUMBERS: dict[str, int] = {
    **{w: n for n, w in enumerate(_UNIT_WORDS)},
    **{w: 10 * n for n, w in enumerate(_TENS_WORDS, start=2)},
}
ORDINAL_NUMBERS: dict[str, int] = {
    **{w: n for n, w in enumerate(_ORDINAL_WORDS, start=1)},
    "twentieth": 20,
    "thirtieth": 30,
}
