"""The question side: SPARQL files, event lookup and graph traversal over a built store.

Asking lives here, at the top of the package: the question modules, the canned ``*.rq``
files and :mod:`queries.sparql`, which runs them. Two subpackages build on it and nothing
here imports them: :mod:`queries.presenting` (text, pictures, the ``kg viz`` page) and
:mod:`queries.serving` (the ``kg serve`` endpoint and the confined workers that run
users' SPARQL). ``tests/test_imports.py`` holds that order.

Nothing in this package imports spaCy, so query commands start fast. The functions behind
the commands, with their typed answers, are gathered in :mod:`queries.api`.
"""
