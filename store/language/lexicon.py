"""Word lists extraction relies on, kept in one place so every rule can be read and tuned.

Speech verbs are listed as lemmas; matched through spaCy's lemmatizer they
cover the inflected forms (say/says/said/saying …), some 450 in all, the size
of the lexicons used in the quote-attribution literature.
"""

from __future__ import annotations

import re

SPEECH_VERBS = frozenset(
    """
    say tell state claim announce argue add insist warn note stress explain deny admit acknowledge
    allege assert comment confirm declare describe suggest urge report reiterate repeat reply respond
    write tweet post predict promise remark reveal recall concede contend emphasize emphasise estimate
    mention maintain observe pledge propose vow ask demand conclude caution complain criticize
    criticise dismiss echo indicate inform joke lament proclaim testify threaten agree affirm answer
    boast brief counter disclose accuse blame fear hint lecture mutter muse object plead pray
    predict protest question quip reason recount reassure recommend reject retort scoff shout signal
    speculate swear tout underline underscore urge voice whisper worry write yell guarantee forecast
    specify clarify complain concur confess convey deplore detail elaborate exclaim grumble insist
    notify opine outline profess publish rebut refute relate remind rule stipulate summarize summarise
    surmise tell theorize thank warn welcome criticize condemn applaud praise denounce decry
    acknowledge believe think feel contend continue speak apologise apologize inquire wonder
    """.split()
)
# Verbs of asking report speech only with an indirect question ("asked whether …"), never "asked for …".
QUESTION_VERBS = frozenset("ask inquire wonder question".split())

# Verbs that count as speech only with a content clause ("he believed that …"),
# never as the cue of a bare direct quote.
WEAK_SPEECH_VERBS = frozenset("believe think feel welcome thank praise applaud condemn denounce decry continue rule".split())

MEETING_VERBS = frozenset("meet host visit confer negotiate greet receive welcome hold".split())
MEETING_NOUNS = frozenset(
    "meeting meetings talk talks summit summits visit visits negotiation negotiations conference "
    "lunch dinner breakfast audience session sessions encounter tete-a-tete discussion discussions".split()
)
# Talking with someone is a meeting unless the sentence says it was by phone, video or letter.
TALK_VERBS = frozenset("talk speak".split())
REMOTE_WORDS = frozenset("phone telephone call calls video videoconference letter letters tweet twitter email".split())
# "hold" and "welcome" only make a meeting with a meeting noun or a person object.
WEAK_MEETING_VERBS = frozenset("hold welcome receive greet".split())

# Nouns that make a phrase a role or title: "special envoy on Syria", "Russian President".
ROLE_NOUNS = frozenset(
    """
    president vice-president minister premier chancellor secretary envoy ambassador diplomat spokesman
    spokeswoman spokesperson official officer leader chief head chairman chairwoman chair director
    governor mayor senator representative congressman congresswoman lawmaker legislator speaker king
    queen prince princess emperor sheikh emir sultan pope cardinal archbishop bishop general commander
    admiral colonel president-elect candidate nominee adviser advisor aide attorney judge justice
    prosecutor negotiator delegate councillor councilor member founder ceo executive chief-of-staff
    monarch ruler dictator foreign-minister deputy counsel consul commissioner coordinator
    correspondent analyst expert professor economist activist mp administrator assemblyman assemblywoman
    """.split()
)

# Titles that NER sometimes folds into a PERSON span; stripped from the name and kept as a role.
HONORIFICS = frozenset(
    """
    mr mr. mrs mrs. ms ms. dr dr. sir dame lord lady president prime minister chancellor senator sen.
    sen rep. rep gov. gov governor general gen. gen king queen prince princess pope sheikh emir sultan
    ayatollah secretary premier mayor judge justice ambassador envoy professor prof. prof colonel col.
    lieutenant lt. captain capt. commander admiral rev. reverend father sister brother minister vice
    deputy former late chairman chief leader speaker crown taoiseach tánaiste shah emperor sayyid sayyed seyyed imam
    mullah shahid shaheed martyr
    """.split()
)

# Occupations a caption or a lead sentence sets before a full name ("Lead Paul Sun-Hyung Lee talked", "Actress Doris
# Day"): stripped only when at least two words of the name are left, so a first name such as "Star" stays.
OCCUPATIONS = frozenset(
    """
    lead star co-star actor actress singer songwriter host anchor coach author writer producer comedian rapper
    musician guitarist drummer bassist frontman frontwoman playwright novelist poet artist reporter journalist
    columnist photographer filmmaker astronaut scientist researcher physicist chemist mathematician historian
    lawyer pastor cleric rabbi footballer striker goalkeeper quarterback pitcher boxer golfer
    professor lecturer economist physician surgeon nurse engineer teacher curator scholar biologist ecologist
    geologist epidemiologist virologist psychologist sociologist archaeologist astronomer meteorologist
    """.split()
)

# Name particles ignored when matching "Assad" to "Bashar al-Assad".
NAME_PARTICLES = frozenset("al el ad as ash at bin ibn bint de da di do dos das del della van von der den la le du".split())

PRONOUNS_PERSON = frozenset("he she him her".split())

# What the article itself says of a person's sex, used only so that "she said" does not go to a man the article
# calls "he" (nor "he" to a woman): a pronoun's own words, and honorifics and roles set beside a name.
PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
SEXED_WORDS = {
    **dict.fromkeys(
        """
        mr mr. sir lord king prince duke emperor sultan father brother son husband widower grandfather uncle nephew
        boyfriend spokesman chairman congressman businessman councilman policeman sportsman statesman frontman
        gentleman man boy
        """.split(),
        "m",
    ),
    **dict.fromkeys(
        """
        mrs mrs. ms ms. miss dame lady queen princess duchess empress mother sister daughter wife widow grandmother
        aunt niece girlfriend actress spokeswoman chairwoman congresswoman businesswoman councilwoman policewoman
        sportswoman stateswoman frontwoman woman girl heiress
        """.split(),
        "f",
    ),
}
PRONOUNS_PLURAL = frozenset("they them we".split())
PRONOUNS_THING = frozenset(["it"])

# Institutions every country has, named without their country: "the Senate", "the Supreme Court", "the Air Force".
# Two articles' "Supreme Court" are one body only when the articles are about the same country.
GENERIC_INSTITUTION = re.compile(
    r"^(?:senate|supreme court|high court|constitutional court|court of appeals?|house of commons|house of lords|"
    r"house of representatives|house|parliament|congress|national assembly|legislative assembly|legislative council|legislature|cabinet|air force|navy|army|coast guard|"
    r"police|national police|military|marines|central bank|election commission|electoral commission|"
    r"(?:foreign|defen[cs]e|interior|health|finance|justice|education) ministry|ministry of \w+(?: \w+)?)$"
)

# The states of the United States, as "Allen, Texas" names a town by its state (lower case, as `norm` gives them).
US_STATES = frozenset(
    """
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois
    indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
    nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
    """.split()
) | frozenset(
    [
        "new hampshire",
        "new jersey",
        "new mexico",
        "new york",
        "north carolina",
        "north dakota",
        "rhode island",
        "south carolina",
        "south dakota",
        "west virginia",
        "puerto rico",
    ]
)
