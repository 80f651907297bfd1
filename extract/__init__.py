"""The NLP side: plain text in, entities, events and facts with evidence out.

Nothing in this package builds RDF; results are plain dataclasses (see ``extract.model``).
"""

# Bumped whenever extraction output can change, so cached per-document results are redone.
__version__ = "0.1.0"
