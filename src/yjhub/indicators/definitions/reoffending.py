"""reoffending indicators."""

from __future__ import annotations
