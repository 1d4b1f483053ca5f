"""kpi2023 in pandas."""
