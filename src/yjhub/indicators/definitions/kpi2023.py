"""kpi2023 indicators."""

from __future__ import annotations
