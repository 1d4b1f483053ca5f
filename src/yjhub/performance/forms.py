"""The GET forms of the performance pages: which period and measure to show."""

from __future__ import annotations

from django import forms

from yjhub.performance.periods import describe, is_quarter


class SelectOptions:
    """For templates: a select's options grouped as GOV.UK's select shows them."""

    def options(self, name: str) -> list[dict]:
        """[{"group": label or "", "options": [{"value", "label", "selected"}]}]."""
        field = self[name]
        value = str(field.value() or "")
        groups, loose = [], []
        for key, label in self.fields[name].choices:
            if isinstance(label, (list, tuple)):
                groups.append({"group": key, "options": [
                    {"value": k, "label": v, "selected": str(k) == value} for k, v in label]})
            else:
                loose.append({"value": key, "label": label, "selected": str(key) == value})
        return ([{"group": "", "options": loose}] if loose else []) + groups

    @property
    def period_options(self):
        return self.options("period")

    @property
    def measure_options(self):
        return self.options("measure")

    @property
    def team_options(self):
        return self.options("team")


def period_choices(periods: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The cached periods grouped for a select: quarters (newest first), then years."""
    from yjhub.indicators.periods import parse_period

    quarters = [(p, describe(parse_period(p))) for p in reversed(periods) if is_quarter(p)]
    years = [(p, describe(parse_period(p))) for p in reversed(periods) if not is_quarter(p)]
    return [(label, items) for label, items in (("Quarters", quarters),
                                                ("Financial years", years)) if items]


class FigureForm(SelectOptions, forms.Form):
    """Choose the period and the measure of an indicator."""

    period = forms.ChoiceField(label="Period")
    measure = forms.ChoiceField(label="Measure")

    def __init__(self, data=None, *, periods: list[str], measures: list[tuple[str, str]],
                 **kwargs):
        super().__init__(data, **kwargs)
        self.fields["period"].choices = period_choices(periods)
        self.fields["period"].error_messages["invalid_choice"] = (
            "Select a period from the list: %(value)s is not a period with figures")
        self.fields["measure"].choices = measures
        self.fields["measure"].error_messages["invalid_choice"] = (
            "Select a measure from the list: %(value)s is not a measure of this indicator")
        self.fields["period"].error_messages["required"] = "Select a period"
        self.fields["measure"].error_messages["required"] = "Select a measure"


class TeamForm(SelectOptions, forms.Form):
    """Show the home page's figures for the whole service or one team."""

    team = forms.ChoiceField(label="Show figures for", required=False)

    def __init__(self, data=None, *, teams: dict[str, str], **kwargs):
        super().__init__(data, **kwargs)
        self.fields["team"].choices = [("", "The whole service")] + sorted(
            teams.items(), key=lambda item: item[1])
        self.fields["team"].error_messages["invalid_choice"] = (
            "Select a team from the list: %(value)s is not a team of the service")
