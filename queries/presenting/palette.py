"""One colour per node type, shared by the pictures (kg viz and kg timeline --plot).

The same type has the same colour in every picture, so a reader who learnt that treaties
are green in the network view finds them green on the timeline. Event types are warm or
saturated, actor types cooler; the fallbacks (a plain sem:Event, an untyped actor) are
grey. Colours are from the Tableau 10 and 20 palettes, which stay distinguishable for the
common forms of colour blindness when paired with the shapes and labels the pictures add.
"""

from __future__ import annotations

TYPE_COLOURS: dict[str, str] = {
    # events
    "Battle": "#d62728",
    "War": "#8c2d04",
    "Treaty": "#2ca02c",
    "Conference": "#17becf",
    "Incident": "#ff7f0e",
    "Operation": "#9467bd",
    "Declaration": "#bcbd22",
    "Event": "#7f7f7f",
    # actors and places
    "Person": "#1f77b4",
    "Country": "#e377c2",
    "Organization": "#8c564b",
    "MilitaryUnit": "#393b79",
    "Place": "#637939",
    "Actor": "#b0b0b0",
}
UNKNOWN_COLOUR = "#b0b0b0"


def colour(type_name: str) -> str:
    """The colour of a short type name ("Battle", "Person"); grey for anything else."""
    return TYPE_COLOURS.get(type_name, UNKNOWN_COLOUR)
