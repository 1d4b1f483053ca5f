"""How the caseload shows coded values: labels, and tag colours for levels (the label is
always shown, so colour is never the only signal)."""

from django import template

from yjhub.caseload.labels import label

register = template.Library()

LEVEL_TAGS = {"low": "govuk-tag--green", "medium": "govuk-tag--yellow",
              "high": "govuk-tag--orange", "very_high": "govuk-tag--red"}


@register.filter
def code_label(code, code_list: str) -> str:
    return label(code_list, code)


@register.filter
def level_tag(code) -> str:
    return LEVEL_TAGS.get(code or "", "govuk-tag--grey")
