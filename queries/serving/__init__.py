"""Serving users' own SPARQL: the ``kg serve`` endpoint (:mod:`.endpoint`, a WSGI
application), the worker processes that run a query under a time, row and memory limit
(:mod:`.limits`, also behind ``kg query``), and the confinement of those workers
(:mod:`.sandbox`: no network, capped memory).

It runs queries through :mod:`queries.sparql` and never the other way round. Kept empty
so that importing one module here loads only that module (query commands start fast).
"""
