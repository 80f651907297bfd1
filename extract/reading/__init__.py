"""Reading one document, one concern per module, over a shared document context.

extract/document.py walks the blocks and sentences in order and calls each pass here
on what the sentence mentions; every pass reads and writes the one
:class:`~extract.reading.context.DocumentContext` (the analysis being built and where
the reader is). The passes import the context and the lower extract modules, never
extract/document.py or each other's callers:

- context.py: the shared state, evidence and facts, and whether a year fits an event
- references.py: what demonyms, pronouns and "the pact"-style anaphors refer to
- event_dates.py: dates in a sentence, the year they take from context, their event
- names_in_events.py: what an event's name says (its year, sides, place)
- participation_links.py: who took part in which event (named, framed or dated)
- statements.py: "X signed Y", "X declared war on Y"; "also known as" aliases
- quantities.py: counts stated about events
- sentence_record.py: each sentence's mentions, for the participation model
- infobox.py: an infobox's dates, sides and commanders, read once per document
- wider_events.py: participants carried from an agreement to the meeting it was made at,
  and from a battle to the war it was part of, once the document is read
"""
