"""The graph side: vocabulary, IRIs, mapping of extraction results to RDF, the store.

Nothing in this package runs NLP or imports spaCy.
"""
