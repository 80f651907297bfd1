"""Who and what each sentence mentions and in which frame, kept as plain data
(``SentenceMentions``) for the participation model (extract/participation.py)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..analysis import ActorMention, SentenceMentions
from ..mentions import Mention, is_parsed
from ..model import Evidence
from .context import DocumentContext


def record_mentions(
    dc: DocumentContext,
    sent: Span,
    evidence: Evidence,
    actors: list[Mention],
    event_refs: list[tuple[Mention, str]],
    *,
    heading: bool,
) -> None:
    parsed = is_parsed(sent.doc)
    records = []
    for actor in actors:
        root = sent.doc[actor.start : actor.end].root
        dep, head = (root.dep_, governor(root).lemma_.lower()) if parsed else ("", "")
        doc = sent.doc
        before = doc[actor.start - 1].lower_ if actor.start > sent.start else ""
        after = doc[actor.end].lower_ if actor.end < sent.end else ""
        records.append(ActorMention(actor.id, dep, head, actor.demonym, before, after))
    analysis = dc.analysis
    analysis.sentence_mentions.append(
        SentenceMentions(
            index=len(analysis.sentence_mentions),
            block=dc.block_index,
            heading=heading,
            events=tuple(dict.fromkeys(eid for _, eid in event_refs)),
            frame=dc.state.paragraph_topic or dc.state.section_event,
            actors=tuple(records),
            evidence=evidence,
        )
    )


def governor(token: Token) -> Token:
    """The nearest verb or noun above ``token`` that is not part of its name."""
    for anc in token.ancestors:
        if anc.pos_ in {"VERB", "NOUN"} and not anc.ent_type_:
            return anc
    return token.head
