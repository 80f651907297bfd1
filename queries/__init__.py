"""The question side: SPARQL files, event lookup and graph traversal over a built store.

Nothing in this package imports spaCy, so query commands start fast. The functions behind
the commands, with their typed answers, are gathered in :mod:`queries.api`.
"""
