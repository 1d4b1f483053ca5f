"""yjb2006 support indicators."""

from __future__ import annotations
