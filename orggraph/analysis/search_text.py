"""Text normalisation for "who do I ask": words, a light stemmer, stopwords and synonyms.

Documents and questions go through the same functions so that "Timecards", "time-cards" and
"timecard" meet in the index. Kept apart from the index so the rules are easy to read and test.
"""

from __future__ import annotations

import re

from bm25s.stopwords import STOPWORDS_EN

__all__ = ["PAIR", "QUERY_STOPWORDS", "STOPWORDS", "SYNONYM_GROUPS", "pair", "stem", "words"]

#: Groups of interchangeable words people use for the same HR, IT or finance need.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("pay", "paycheck", "payslip", "paystub", "salary", "wage", "payroll", "compensation"),
    ("laptop", "computer", "pc", "equipment", "hardware", "device", "notebook", "desktop"),
    ("invoice", "bill", "billing"),
    ("holiday", "leave", "vacation", "pto", "timeoff", "absence"),
    ("password", "login", "logon", "signin", "access", "credential"),
    ("expense", "reimbursement", "reimburse", "claim", "receipt"),
    ("timecard", "timesheet", "clocking"),
    ("hire", "hiring", "recruit", "recruitment", "vacancy", "requisition"),
    ("onboard", "onboarding", "starter", "newhire", "induction"),
    ("supplier", "vendor", "creditor"),
    ("purchase", "procurement", "purchasing", "buy", "po"),
    ("freight", "shipping", "carrier", "haulage"),
    ("sick", "sickness", "illness"),
    ("phone", "mobile", "telephone", "cellphone"),
    ("printer", "printing"),
    ("helpdesk", "servicedesk", "support", "ticket"),
    ("benefit", "pension", "insurance"),
    ("training", "course", "learning"),
    ("contract", "agreement"),
    ("budget", "forecast"),
    ("mail", "post", "parcel", "mailroom", "courier"),
    ("badge", "keycard"),
    ("repair", "fix", "broken", "maintenance"),
    ("complaint", "grievance"),
    ("stock", "inventory", "replenishment", "restock"),
    ("customer", "client"),
)

#: English stopwords, except "it", which in an organisation is usually the IT department.
STOPWORDS = frozenset(STOPWORDS_EN) - {"it"}

#: Words that carry no topic in a question ("who do I ask about ...").
QUERY_STOPWORDS = STOPWORDS | {
    "who", "whom", "whose", "what", "which", "where", "when", "how", "why", "do", "does", "did",
    "i", "me", "my", "mine", "we", "us", "our", "you", "your", "can", "could", "should", "would",
    "need", "needs", "want", "get", "ask", "about", "handle", "handles", "handling", "deal",
    "deals", "responsible", "charge", "help", "please", "someone", "somebody", "anyone", "person",
    "contact", "talk", "speak", "go", "find", "has", "have", "am", "sort", "out", "wrong", "incorrect",
    "problem",
}  # fmt: skip

PAIR = "|"
_WORD = re.compile(r"[a-z0-9]+")


def pair(a: str, b: str) -> str:
    """Index term for two adjacent words in either order ("store replenishment" = "replenishment store")."""
    return PAIR.join(sorted((a, b)))


def words(text: str) -> list[str]:
    """Lower-case alphanumeric words of ``text``; single letters are dropped, numbers kept."""
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 or w.isdigit()]


def stem(word: str) -> str:
    """A light, predictable stemmer: plural, ``-ing``/``-ed`` and final ``-e`` are removed.

    >>> [stem(w) for w in ("timecards", "policies", "invoicing", "invoice", "shipped", "access")]
    ['timecard', 'policy', 'invoic', 'invoic', 'ship', 'access']
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            if word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if word.endswith("e") and not word.endswith("ee") and len(word) >= 5:
        word = word[:-1]
    return word
