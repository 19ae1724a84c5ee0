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
            "startat", "startats", "startade", "startades",
            "påbörjat", "påbörjats", "påbörjade", "påbörjades", "påbörjad",
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
            "anlitat", "anlitats", "anlitade", "anlitades",  # a consultant or a firm engaged for a task
            "antog", "antogs", "antagit", "antagits",  # a plan or policy adopted: decided
        ],
        # A change proposed ("Den föreslagna förändringen av ledningsstrukturen", "Styrelsen föreslår att …"):
        # a matter put before the politicians, not yet decided. Matched word for word (the noun "förslag"
        # is as often a proposal still to be made: "ska presentera förslag"); as an attribute too.
        "proposal": ["föreslagna", "föreslagen", "föreslaget", "föreslår", "föreslog", "föreslagit", "föreslås"],
        # After a start cue, words that name a way of working ("infört regelbundna förbättringsmöten",
        # "infört nya rutiner"): a routine taken up more than a matter begun, so the claim is withheld.
        "routine": [
            "regelbundna", "regelbunden", "regelbundet", "rutin", "rutiner", "rutinen", "rutinerna",
            "arbetssätt", "arbetssättet",
        ],
        # Start words that tell a decision: deciding on a matter's next step is news even of a matter
        # the old report spoke of ("har beslutat att … ska införas i hela länet").
        "decision": ["beslutat", "beslutats", "beslutade", "beslutades", "antog", "antogs", "antagit", "antagits"],
        # Start words whose stem is another word's ("bildats" stems to "bild", an image): matched word for word.
        "start_literal": ["har bildats", "har nu bildats", "bildades", "nybildats"],
        # Words of a body being formed: a sentence that says its own unit was formed ("Division Y bildades
        # den 1 maj") under a merged, split or renamed heading repeats the reorganisation.
        "forming": ["bildades", "bildats", "nybildad", "nybildade", "inrättades", "inrättats", "skapades"],
        # ... that announce that something is finished: resolved or closed.
        "done": [
            "avslutat", "avslutats", "avslutade", "avslutades",
            "slutförd", "slutfört", "slutförts", "slutfördes",
            "klar", "klart", "färdigställd", "färdigställt", "färdigställts",
            "i drift", "driftsatt", "driftsatts", "sattes i drift",
            "överlämnad", "överlämnat", "överlämnats",
            "avvecklad", "avvecklats", "upphört", "upphörde",
            "stängd", "stängts", "stängdes", "stängde", "nedlagd", "lagts ned", "lagts ner", "lades ned", "lades ner",
            "installerats", "installerad", "levererats", "levererad", "sattes i bruk", "togs i bruk",
        ],
        # Anywhere in a sentence, these say the work goes on or is still ahead: a done cue beside them
        # ("slutförs under våren", "arbetet pågår och slutrapport är klar i maj") is not a matter resolved.
        # Matched word for word: "avslutas" is ahead, "avslutades" is done, and both have one stem.
        "ongoing": [
            "pågår", "pågående", "fortsätter", "fortgår", "planeras", "planerar", "påbörjas", "återstår",
            "kvarstår", "slutförs", "avslutas", "genomförs", "kommer", "ska", "skall", "planerad", "planerade",
        ],
        # Words in a new section's heading that name it as something new ("Nytt samverkansavtal", "Pilot för …").
        "new_heading": ["ny", "nytt", "nya", "pilot", "pilotprojekt", "uppstart", "start", "etablering"],
        # A done cue in a sentence that says only part is done ("den första av sex … har installerats")
        # tells a stage reached, not a matter finished.
        "partial": [
            "första av", "delvis", "en del av", "hälften av", "några av", "första etappen",
            "i stort sett", "till stor del", "i huvudsak", "i princip",  # largely done is not done
        ],
        # Words in the first sentences of a section that make it a recurring item, not an initiative.
        "recurring": [
            "årliga", "årligen", "varje år", "två gånger per år", "återkommande", "varje månad", "halvårsvis",
            "som tidigare år", "likt tidigare år",
        ],
        # A done cue that as often says an activity was held (a meeting, a training, a survey) as
        # that a matter was finished: such a claim is withheld (shown by --explain), not told as fact.
        "held": ["genomförd", "genomfört", "genomförts", "genomfördes"],
        # ... unless the sentence names a matter that can be finished: then it says the matter is done.
        # (Nouns of a closing are matters, not cues: "inför projektavslutet", "kan ni läsa om avslut för …"
        # name a closing; "överlämningen är genomförd" states one.)
        "matters": [
            "avslut", "avslutet", "projektavslut", "projektavslutet", "överlämningen",
            "flytt", "flytten", "upphandling", "upphandlingen", "överlämning", "projekt", "projektet", "införande",
            "införandet", "installation", "installationen", "ombyggnation", "ombyggnationen",
            "ombyggnad", "ombyggnaden", "avveckling",
            "utredning", "utredningen", "förstudie", "förstudien", "översyn", "översynen", "omorganisation",
            "sammanslagning", "migrering", "migreringen", "driftsättning", "driftsättningen",
        ],
        # Words that stem like a cue but mean something else ("inför" sommaren is not "införande").
        "ambiguous": [
            "inför", "klarar", "klarat", "klara", "klarade", "avsluta", "starta",
            "rekrytera", "rekryteras", "rekryterar",  # a recruitment planned or going on, no one yet in the role
            "leverera", "levererar", "levereras", "installera", "installerar", "installeras",  # not done yet
            "öppna",  # "412 öppna felärenden" is a state, not an opening
            "öppnar",  # the present: "öppnar i maj", "öppnar igen efter sommaren" is still to come
            "beslut", "beslutet", "besluten", "beslutar",  # a decision named or still to come, not taken
            # Infinitives and present forms of start verbs say what is meant or planned ("syftar till
            # att etablera", "I höst påbörjas arbetet", "startar upp"), not that something began.
            "etablera", "etableras", "etablerar", "införa", "införs", "inrätta", "inrättas", "inrättar",
            "påbörja", "påbörjas", "påbörjar", "inleda", "inleds", "inleder", "startas", "startar",
            "lansera", "lanseras", "lanserar", "besluta", "tillsätta", "tillsätts",
            "starten", "start",  # the noun names a start long past as often as news ("från starten av …")
            # (for the same reason "uppstart" is no start cue: "uppstart sker på enheten" tells a routine)
            # The noun of a closing names one ("inför avslutet", "om avslut för …"); the stage
            # "closing" below reads the phrases that state one.
            "avslut", "avslutet", "avslutning", "avslutningen",
            # Infinitives of done verbs say what may or is to be done ("kan själv avveckla pumpen").
            "avveckla", "slutföra", "färdigställa", "överlämna", "driftsätta", "stänga",
        ],
        # Start words that say a thing is now in place ("har etablerats", "invigdes"): of a matter the
        # old report already spoke of (a procurement, a plan), the matter is done, not new.
        "in_place": [
            "etablerat", "etablerats", "etablerade", "etablerades", "invigt", "invigts", "invigdes",
            "tagits i bruk", "togs i bruk",
            # opened or introduced: of a matter the old report spoke of (a clinic being prepared), now in place;
            # adopted: of a plan the old report said was being written, now done
            "öppnat", "öppnats", "öppnade", "öppnades", "infört", "införts", "införde", "infördes",
            "antog", "antogs", "antagit", "antagits",
        ],
        # A measure said to have risen or fallen ("Tillgängligheten har ökat under året", "har sedan
        # december ökat antalet vårdplatser"): a status change of the matter. Matched word for word and
        # only after "har"/"hade" a few words before ("perfect"): "ökat inflöde" names a state.
        "trend": ["ökat", "ökats", "minskat", "minskats", "förbättrat", "förbättrats", "försämrat", "försämrats"],
        "perfect": ["har", "hade"],
        # The past tense of a rise or fall ("minskade kostnaderna med en tredjedel") counts only where
        # someone raised or cut something by a stated amount: alone, "minskade skador" names a state.
        "trend_past": ["ökade", "minskade"],
        # A measure compared with another period or a budget ("har ökat med 4 procent jämfört med
        # samma period") is a key figure of the month, told in the figure table, not a change of a matter.
        "comparison": ["jämfört med", "jämfört mot", "i jämförelse med", "än budget", "mot budget"],
        # A clause that restates the size of a change in other units ("vilket motsvarar 12 vårdplatser").
        "restating": ["vilket motsvarar", "vilket innebär", "motsvarande"],
        # Work said to be under way on a matter ("Arbetet med att upphandla ett nytt larm pågår"): of a
        # matter the old report's section never spoke of, news of a matter begun.
        # Only with a verb that brings in something that was not there (introduce, procure, recruit,
        # build): "arbetet med att utveckla arbetssättet fortgår" is work on what exists, no new matter.
        "underway_lead": [
            "arbetet med att införa", "arbetet med att implementera", "arbetet med att upphandla",
            "arbetet med att rekrytera", "arbetet med att etablera", "arbetet med att bygga", "arbetet med att inrätta",
            "arbetet med att starta", "arbetet med att skapa", "arbetet med att ta fram", "arbetet med att öppna",
            "arbetet med att anställa",
        ],
        "underway": ["pågår", "fortsätter", "fortgår"],
        # A start said to follow a plan ("Piloten startade som planerat") is a matter the old report
        # announced: a status change, even where the old report named it in other words.
        "as_planned": [
            "som planerat", "som planerats", "enligt plan", "enligt planen", "enligt tidsplanen", "som beslutat",
        ],
        # A cue in a clause that the report relays ("Kommunen säger också att en ny busslinje har startats")
        # tells what somebody said, not what the report states: such a claim is withheld.
        # Matched word for word: one of these verbs, then "att" before the cue.
        "reported_speech": [
            "kommenterar", "kommenterade", "säger", "sa", "sade", "uppger", "uppgav", "skriver", "skrev",
            "menar", "berättar", "berättade", "rapporterar", "framhåller", "betonar",
            # what a report, a survey or a plan is said to show ("Enkäten visar att förtroendet har ökat")
            "visar", "visade", "konstaterar", "redovisar", "beskriver",
        ],
        # A cue this close after one of these stands in a clause of time ("sedan programmet startade",
        # "efter att enheten öppnades"): it dates something else, it is no news of a start.
        # A relative clause is background too ("den budget som regionstyrelsen beslutade om"): the
        # start it holds tells what the thing it describes is, not news of a start.
        "time_clause": ["sedan", "när", "innan", "efter att", "som"],
        # Words before a cue that cancel it ("har ännu inte påbörjats").
        "negations": ["inte", "ej", "icke", "aldrig", "utan", "väntar"],  # "väntar på uppstart": not begun
        # Words before a cue that make it an announcement of the future ("kommer att påbörjas").
        # (and words of what is wanted or needed: "vill ha klart", "behöver stängas" state no fact)
        "future": [
            "kommer", "ska", "skall", "planeras", "planerar", "avses", "förväntas", "beräknas", "bör",
            "vill", "behöver", "måste",
        ],
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
    # Sections: which headings are standing parts of every report or names of units, never news in themselves.
    "sections": {
        # Headings of parts that list matters ("Avrapportering av pågående ärenden", "Aktuella
        # tillsynsärenden", "Uppdrag"): a new section right below one is a matter told for the first
        # time. Not "Aktuella händelser": what happened (a visit, a survey, the summer's planning) is
        # news by what its sentences state, an initiative only where one says something started.
        "matter_lists": ["ärenden", "uppdrag"],
        # Standing parts of the report (matched anywhere in the heading, by stem).
        "recurring": [
            "inledning", "månadsrapport", "aktuella händelser", "lokala medier", "avrapportering", "bilagor",
            "bilaga", "information från verksamheten", "sammanfattning", "övrigt", "allmänt", "ekonomi",
            "personal", "analysrapporter", "nyckeltal", "regiongemensamt", "region gemensamt",
        ],
        # Words that make a heading the name of a unit of the organisation, when they start it ...
        "units": [
            "division", "divisionen", "vo", "verksamhetsområde", "verksamhetsområdet", "avdelning", "avdelningen",
            "enhet", "enheten", "sektion", "sektionen", "förvaltning", "förvaltningen", "nämnd", "nämnden",
        ],
        # ... or end its last word ("Ekonomiavdelningen", "Säkerhetsenheten", "Hälso- och sjukvårdsnämnden").
        "unit_endings": ["avdelningen", "enheten", "kansliet", "staben", "nämnden", "sektionen"],
    },
    # Stages of a matter that a single sentence can state: a status change with that sentence as evidence.
    # Matched word for word (not by stem), since the present and infinitive forms ("pausas under
    # året", "prioriteras", "utvärderas") name plans and habits as often as a stage reached.
    # Cues of a start or a completion are read by "start" and "done" above.
    "stages": {
        "order": [
            "paused", "stopped", "closing", "resumed", "next_phase", "delayed", "postponed", "prioritised", "procured",
            "granted", "evaluated", "permanent",
        ],
        "labels": {
            "paused": "pausat", "stopped": "stoppat", "closing": "avslutas", "resumed": "återupptaget",
            "next_phase": "ny fas", "delayed": "försenat", "postponed": "uppskjutet",
            "prioritised": "prioriterat", "procured": "upphandlat", "granted": "beviljat", "evaluated": "utvärderat",
            "permanent": "permanentat",
        },
        "cues": {
            "paused": [
                "pausat", "pausats", "pausades", "pausad", "pausas", "vilande", "tillfälligt stängd",
                "hållits stängd", "hållits stängda", "hölls stängd", "hölls stängda", "att pausa",
                "tillfälligt stängt", "tillfälligt stängts", "tillfälligt stängdes", "tillfälligt stängda",
                "stängdes tillfälligt", "stängts tillfälligt", "stängd tillfälligt", "stängt tillfälligt",
            ],
            # A decision to pause, stop or put off ("beslutade … att pausa projekteringen") is that stage:
            # the infinitive after "att", with the decision's own cues of the future read as always.
            "stopped": [
                "stoppat", "stoppats", "stoppades", "avbrutits", "avbröts", "att stoppa", "att avbryta",
                "beslutat att inte", "beslutade att inte", "beslutat att inga", "beslutade att inga",
            ],
            # A decision to end something, or its closing named, is a stage reached: "resolved" is
            # for what the text says has ended ("utredningen är avslutad").
            "closing": [
                "avslut för", "avslutet för", "avslut av", "avslutet av", "nedläggning av", "nedläggningen av",
                "beslut om att avsluta", "beslutat att avsluta", "beslutade att avsluta", "beslutats att avsluta",
                "beslut om att avveckla", "beslutat att avveckla", "beslutade att avveckla", "beslut om nedläggning",
            ],
            # Work that was paused or stopped taken up again, or decided to be ("projekteringen ska
            # återupptas"); not the bare present "återupptas", as often a plan ("… och återupptas under våren").
            # Opened again after a closing is resumed too ("Kliniken öppnade igen den 7 april"): its
            # status changed, closed to open; told under "resolved" it would read as something ended.
            "resumed": [
                "återupptogs", "återupptagits", "återupptagit", "att återuppta", "ska återupptas",
                "öppnade igen", "öppnades igen", "öppnat igen", "öppnats igen",
            ],
            # A matter said to move into its next phase ("gå vidare in i fasen …", "till nästa fas").
            "next_phase": ["in i fasen", "till fasen", "in i nästa fas", "till nästa fas", "in i en ny fas"],
            "delayed": ["försenat", "försenad", "försenats", "försenades", "fördröjts", "fördröjdes"],
            "postponed": [
                "skjutits upp", "skjuts upp", "sköts upp", "senarelagts", "senarelades", "flyttats fram",
                "att skjuta upp", "att senarelägga", "senareläggs", "flyttas fram",
            ],
            # given precedence over other work ("ska gå före all annan utveckling", "prioriteras före")
            "prioritised": [
                "ges prioritet", "ge prioritet", "får prioritet", "fått prioritet", "högsta prioritet",
                "prioriteras före", "prioriteras framför", "gå före", "går före", "ges företräde", "får företräde",
            ],
            "procured": ["upphandlats", "upphandlades", "har tilldelats", "avtal har tecknats", "tecknat avtal"],
            "granted": [
                "beviljats", "beviljades", "har erhållit", "erhållit medel", "erhållna medel", "fått medel", "godkänts",
                "godkändes", "godkänd dispens", "godkänd ansökan", "godkänd dispensansökan",
            ],
            "evaluated": ["utvärderats", "utvärderades"],
            # a trial made a standing part of the work ("beslutat att teamet permanentas")
            "permanent": ["permanentas", "permanentats", "permanentades", "att permanenta", "permanentat"],
        },
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
        # Words of a role in the organisation, matched as written or as the end of a compound
        # ("chef" is "verksamhetschef", "förvaltningschef", "chefen"; "direktör" is "regiondirektör",
        # "HR-direktör"), in the singular: a role changing hands is one person's ("Cheferna …" is none).
        "roles": [
            "direktör", "chef", "chefläkare", "ordförande", "konstutvecklare",
        ],
        # Words that say a role changed hands, matched as written, up to eight words from the role word.
        "cues": [
            "utsetts", "utsedd", "utsett", "utses", "utnämnd", "utnämnts", "tillträder", "tillträdde",
            "tillträtt", "rekryterad", "rekryterats", "anställd", "anställts", "efterträder", "efterträds",
            "efterträtt", "lämnar", "slutar", "tillsatt", "tillsatts", "valts", "valdes",
            "påbörjat sitt uppdrag", "tar över", "tog över", "går i pension", "gick i pension",
        ],
        # "ny"/"nytt" right before the role word, or one word before it ("ny tillförordnad regiondirektör")
        "new": ["ny", "nytt"],
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
        "reorganisation": 0.6,
        "not_in_report": 0.2,
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
