"""The built-in rules for the change summary: words that announce a start, a completion, a status
phase, a new person in a role. Words are written as they appear in reports; they are stemmed
(Swedish Snowball) when the rules load, so one entry catches its inflections.

Kept as Python data rather than TOML: it loads from bytecode, where reading it with ``tomllib``
cost about 7 ms on every diff (importing the parser, then parsing), a twentieth of a whole run.

Extend or override them with your own TOML file, which has the same tables and keys::

    [tool.reportdiff.rules]
    file = "my-rules.toml"

Lists in your file are added to these; scalar values (weights) replace them.
"""

from __future__ import annotations

from typing import Any

# fmt: off
# (word lists read better as running text than one word a line)
RULES: dict[str, Any] = {
    "version": 1,
    "events": {
        # Sentences in inserted or changed text that announce a start: a new initiative.
        "start": [
            "startat", "startats", "startade", "startades", "uppstart", "startas",
            "påbörjat", "påbörjats", "påbörjade", "påbörjades", "påbörjas",
            "inlett", "inletts", "inledde", "inleddes",
            "infört", "införts", "införde", "infördes",
            "beslutat", "beslutats", "beslutade", "beslutades",
            "etablerat", "etablerats", "etablerade", "etablerades",
            "nybildad", "nybildade",  # not "bildat": it stems to "bild" (an image)
            "inrättat", "inrättats", "inrättades",
            "lanserat", "lanserats", "lanserade",
            "öppnat", "öppnats", "öppnade", "öppnades",
            "tillsatt", "tillsatts",
            "dragit igång", "sjösatt", "sjösatts",
        ],
        # ... that announce that something is finished: resolved or closed.
        "done": [
            "avslutat", "avslutats", "avslutade", "avslutades", "avslut", "projektavslut",
            "genomförd", "genomfört", "genomförts", "genomfördes",
            "slutförd", "slutfört", "slutförts", "slutfördes",
            "klar", "klart", "färdigställd", "färdigställt", "färdigställts",
            "i drift", "driftsatt", "driftsatts", "sattes i drift",
            "överlämnad", "överlämnat", "överlämnats", "överlämning",
            "avvecklad", "avvecklats", "upphört", "upphörde",
            "stängd", "stängts", "nedlagd", "lagts ned",
            "installerats", "installerad", "levererats", "levererad", "sattes i bruk", "togs i bruk",
        ],
        # Words that stem like a cue but mean something else ("inför" sommaren is not "införande").
        "ambiguous": [
            "inför", "klarar", "klarat", "klara", "avsluta", "starta",
            "leverera", "levererar", "levereras", "installera", "installerar", "installeras",  # not done yet
            "öppna",  # "412 öppna felärenden" is a state, not an opening
            "beslut", "beslutet", "besluten", "beslutar",  # a decision named or still to come, not taken
        ],
        # Words before a cue that cancel it ("har ännu inte påbörjats").
        "negations": ["inte", "ej", "icke", "aldrig", "utan"],
        # Words before a cue that make it an announcement of the future ("kommer att påbörjas").
        "future": ["kommer", "ska", "skall", "planeras", "planerar", "avses", "förväntas", "beräknas", "bör"],
        # Words right before a cue that put it ahead ("inför projektavslutet": the closing is to come).
        "ahead": ["inför"],
        # Nouns that make a new section or list item an initiative worth naming as such.
        "initiative_nouns": [
            "förstudie", "projekt", "program", "programarbete", "satsning", "samarbete", "samverkan",
            "pilot", "uppdrag", "enhet", "mottagning", "nätverk", "arbetsgrupp", "studie", "utredning",
            "upphandling", "kompetenscentrum",
        ],
    },
    # Lists whose name tells the stage of their items: an item that moves from one to a later
    # one (förstudie → projekt → förvaltning) has moved on. Matched on the paragraph that
    # introduces the list ("Aktuella förstudier:") or else the section heading.
    "lists": {
        "order": ["förstudie", "projekt", "förvaltning", "avslutat"],
        "förstudie": ["förstudie", "förstudier"],
        "projekt": ["projekt", "pågående projekt"],
        "förvaltning": ["förvaltning", "förvaltningen", "drift"],
        "avslutat": ["avslutade", "genomförda", "avslutat"],
        # Lists under these headings are never news (attachments, contents).
        "ignore_sections": ["bilagor", "bilaga", "innehållsförteckning", "innehåll"],
    },
    # Phases of a running topic (a section such as "FVIS Cosmic"), in order. The phase of a
    # section is the one whose cues occur most often in it (ties go to the later phase).
    "status": {
        "order": ["planning", "go-live", "hand-over", "improvement"],
        "min_hits": 2,  # fewer cue words than this and the section has no readable phase
        "labels": {
            "planning": "planering",
            "go-live": "införande",
            "hand-over": "överlämning",
            "improvement": "förbättring",
        },
        "cues": {
            "planning": [
                "förstudie", "planering", "planeras", "planerar", "utredning", "utreda", "upphandling",
                "upphandla", "kravställning", "tidsplan", "avtal",
            ],
            "go-live": [
                "införande", "införandet", "införandeledning", "go live", "driftstart", "driftsättning",
                "driftsättningen", "driftsättningskontor", "driftsattes", "driftsatts", "förbereder", "förbereds",
                "förberedelse", "migrering", "utbildningsinsatser", "produktionsmiljö",
            ],
            "hand-over": [
                "överlämning", "överlämnad", "överlämnat", "förvaltning", "förvaltningsorganisation",
                "förvaltningsorganisationen", "projektavslut", "avslut", "slutför", "tagit över",
            ],
            "improvement": [
                "förbättra", "förbättring", "förbättringar", "optimering", "optimeringar", "rättningar",
                "vidareutveckling", "stabilitet", "stabilisering", "långsiktig",
            ],
        },
    },
    "people": {
        # Sentences about people in roles.
        "roles": [
            "regiondirektör", "verksamhetschef", "verksamhetsområdeschef", "divisionschef", "enhetschef",
            "direktör", "chefläkare", "kanslichef", "ordförande", "projektledare", "förstudieledare",
            "konstutvecklare", "kulturchef",
        ],
        # Cues that a role changed hands.
        "cues": [
            "ny", "nya", "nytt", "utsetts", "utsedd", "utnämnd", "tillträder", "tillträdde", "tillträtt",
            "rekryterad", "rekryterats", "anställd", "efterträder", "lämnar", "slutar",
            "tillförordnad", "tf", "tillsatt", "tillsatts", "påbörjat sitt uppdrag",
        ],
        "acting": ["tf", "tillförordnad", "t.f."],
    },
    "dates": {
        # Words that announce something to come; with a month that the new report has passed,
        # the announcement is reported as a date passed.
        "future": [
            "kommer", "ska", "skall", "planeras", "planerat", "planerad", "beräknas", "förväntas",
            "avses", "startar", "börjar", "träder", "senast", "till och med", "inför",
        ],
        # A date followed at once by a verb in the past tense tells what happened, not what is to
        # come ("i början av februari deltog projektet …"), whatever future cue stands elsewhere in
        # the sentence. Matched on the word as written (stems cannot tell "startade" from
        # "startar"): these words, and words with the endings of regular past tenses.
        "past": [
            "var", "blev", "hade", "fick", "gav", "tog", "kom", "gick", "deltog", "fanns", "gjorde", "hölls",
            "sade", "sa", "såg", "skrev", "valde", "låg", "stod", "drogs", "antogs", "inleddes",
        ],
        "past_endings": ["ade", "ades", "dde", "ddes"],
    },
    # score = kind weight × level weight × size; see docs/figures-and-events.md
    "weights": {
        "status_change": 1.0,
        "people": 0.9,
        "new_initiative": 0.8,
        "resolved": 0.8,
        "date_passed": 0.5,
    },
    # Figure labels that matter more in a summary (stems of words in the label).
    "figures": {
        "importance": {
            "resultat": 2.0,
            "prognos": 1.8,
            "kostnad": 1.5,
            "sjukfrånvaro": 1.6,
            "anställd": 1.6,
            "årsarbet": 1.4,
            "vårdplats": 1.5,
            "övertid": 1.4,
            "besök": 1.3,
            "lex": 1.5,
            "finansnetto": 1.5,
            "budget": 1.4,
        },
    },
}
# fmt: on
