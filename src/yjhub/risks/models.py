"""Risk registers: a register (its scale, direction and scoring rule), its risks, and the
history of every risk's scores (so the register as at any earlier date can be rebuilt)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from yjhub.risks.scoring import DIRECTIONS, RULES, SCALES, Scale, disagreement


class Register(models.Model):
    name = models.CharField(max_length=200, unique=True)
    service_id = models.CharField(max_length=20, blank=True, default="",
                                  help_text="The service the register belongs to.")
    scale_max = models.PositiveSmallIntegerField(
        choices=[(m, f"1 to {m}") for m in SCALES], default=5)
    direction = models.CharField(max_length=4, choices=sorted(DIRECTIONS.items()),
                                 default="high")
    rule = models.CharField(max_length=10, choices=sorted(RULES.items()), default="product")
    key_text = models.TextField(blank=True, default="",
                                help_text="The register's key, as its authors wrote it.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def scale(self) -> Scale:
        return Scale(self.scale_max, self.direction, self.rule)


class Risk(models.Model):
    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="risks")
    ref = models.CharField(max_length=20, help_text="The risk's reference, e.g. R1.")
    title = models.TextField("Risk")
    causes = models.TextField(blank=True, default="")
    consequences = models.TextField(blank=True, default="")
    owner = models.CharField("Risk owner", max_length=200, blank=True, default="")
    impact = models.PositiveSmallIntegerField()
    likelihood = models.PositiveSmallIntegerField()
    score_written = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The risk score as the author wrote it.")
    current_controls = models.TextField(blank=True, default="")
    further_actions = models.TextField("Further actions / additional controls", blank=True,
                                       default="")
    residual_impact = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_score_written = models.PositiveSmallIntegerField(null=True, blank=True)
    review_date = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True,
                                 help_text="When the risk was closed (taken off the register).")
    position = models.PositiveIntegerField(default=0, help_text="Order in the register.")

    class Meta:
        ordering = ["register", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["register", "ref"],
                                               name="risk_ref_unique_in_register")]

    def __str__(self):
        return f"{self.ref} {self.title[:60]}"

    # the scores, worked out by the register's rule
    @property
    def score(self) -> int | None:
        return self.register.scale.score(self.impact, self.likelihood)

    @property
    def residual_score(self) -> int | None:
        return self.register.scale.score(self.residual_impact, self.residual_likelihood)

    @property
    def disagreements(self) -> list:
        scale = self.register.scale
        found = [disagreement(which="inherent", scale=scale, impact=self.impact,
                              likelihood=self.likelihood, written=self.score_written),
                 disagreement(which="residual", scale=scale, impact=self.residual_impact,
                              likelihood=self.residual_likelihood,
                              written=self.residual_score_written)]
        return [d for d in found if d is not None]


#: The fields whose every change is kept in ``RiskScoreChange``.
SCORE_FIELDS = ("impact", "likelihood", "score_written", "residual_impact",
                "residual_likelihood", "residual_score_written", "closed_on")


class RiskScoreChange(models.Model):
    """The scores of a risk from ``effective_on``: written when the risk is made, whenever its
    scores change, and when it is closed. The register as at a date takes, for each risk, the
    latest row effective on or before it (a risk with none did not exist yet)."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="score_changes")
    effective_on = models.DateField(db_index=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    impact = models.PositiveSmallIntegerField()
    likelihood = models.PositiveSmallIntegerField()
    score_written = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_impact = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_score_written = models.PositiveSmallIntegerField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["risk", "effective_on", "id"]

    def __str__(self):
        return f"{self.risk_id} from {self.effective_on}"
