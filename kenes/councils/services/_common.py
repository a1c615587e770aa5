"""What every council service shares: the session states (the transition table is in
kenes/councils/transitions.py)."""

from __future__ import annotations

from kenes.councils.models import Session

S = Session.Status
