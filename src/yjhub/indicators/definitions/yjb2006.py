"""yjb2006 indicators."""

from __future__ import annotations
