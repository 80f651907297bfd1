"""Benchmarks of histkg: its speed and how its cost grows, as ratios measured side by side.

Run everything with ``python -m bench`` (``--quick`` for a shorter run); see
``bench/README.md`` and the generated ``docs/performance.md``.
"""
