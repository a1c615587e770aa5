"""Demo: the index is computed from the other capabilities' demo data, so load it last."""

from kenes.insights.rebuild import figures_rebuild


def load_demo() -> int:
    """Rebuild every month's figures (idempotent). Call after the appeals, outreach and plans demos."""
    return figures_rebuild()
