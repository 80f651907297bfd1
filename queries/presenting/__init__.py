"""Presenting answers: text for the terminal (:mod:`.render`), timeline pictures
(:mod:`.plot`) and the ``kg viz`` page (:mod:`.viz`), with the colours they share.

It asks through the question modules of :mod:`queries` and never the other way round: the
answers stay plain data that any front end can show. Kept empty so that importing one
module here loads only that module (query commands start fast).
"""
