"""Case audits: the audit, its sample of cases, each case's answers, the judgements of
standards rated by judgement, and the recommendations raised.

The framework (questions, bands) is a YAML file named by id and version (``framework.py``);
the audit keeps that id and version, and the children sampled are kept by id as text, as the
audit trail keeps them, so an audit outlives a re-import of the case data.
"""

from django.conf import settings
from django.db import models

from yjhub.audits.framework import ANSWERS


class Audit(models.Model):
    STATUSES = {"open": "Open", "complete": "Complete"}

    title = models.CharField(max_length=200)
    framework_id = models.CharField(max_length=80)
    framework_version = models.CharField(max_length=40)
    period_start = models.DateField(help_text="Cases open on any day from here...")
    period_end = models.DateField(help_text="...to here are sampled.")
    sample_size = models.PositiveIntegerField(null=True, blank=True)
    per_team = models.PositiveIntegerField(null=True, blank=True,
                                           help_text="Dip sampling: cases per team.")
    seed = models.BigIntegerField(help_text="The random seed: the same seed and caseload draw "
                                            "the same sample.")
    caseload_size = models.PositiveIntegerField(default=0)
    caseload_counts = models.JSONField(default=dict, blank=True,
                                       help_text="The caseload's cases per stratum value when "
                                                 "the sample was drawn.")
    status = models.CharField(max_length=20, choices=sorted(STATUSES.items()), default="open")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField()
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    assessors = models.ManyToManyField(settings.AUTH_USER_MODEL, through="AuditAssessor",
                                       related_name="audits_assessed")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        return f"AUD-{self.pk:04d}" if self.pk else "AUD-new"

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class AuditAssessor(models.Model):
    """A person given the audit: they answer the cases assigned to them and, as a case
    auditor, may open those children's records."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["audit", "user"],
                                               name="one_assessor_per_audit")]

    def __str__(self):
        return f"{self.user} on audit {self.audit_id}"


class SampledCase(models.Model):
    """A case drawn into the sample, with the strata it was drawn on."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="cases")
    position = models.PositiveIntegerField()
    child_id = models.CharField(max_length=64, db_index=True)
    programme_id = models.CharField(max_length=64, blank=True, default="")
    case_type = models.CharField(max_length=40, blank=True, default="")
    risk_of_harm = models.CharField(max_length=40, blank=True, default="")
    sex = models.CharField(max_length=40, blank=True, default="")
    ethnic_group = models.CharField(max_length=40, blank=True, default="")
    team_id = models.CharField(max_length=64, blank=True, default="")
    team_name = models.CharField(max_length=200, blank=True, default="")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True,
                                       help_text="When every applicable question was answered "
                                                 "and the assessor marked the case done.")
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["audit", "position"]
        constraints = [models.UniqueConstraint(fields=["audit", "child_id"],
                                               name="a_child_once_per_audit")]

    def __str__(self):
        return f"{self.audit.reference} case {self.position} ({self.child_id})"


class AuditAnswer(models.Model):
    case = models.ForeignKey(SampledCase, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(max_length=40)
    answer = models.CharField(max_length=20, choices=list(ANSWERS.items()))
    evidence = models.TextField(blank=True, default="")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    answered_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "question_id"],
                                               name="one_answer_per_question")]

    def __str__(self):
        return f"case {self.case_id} question {self.question_id}: {self.answer}"


class AuditJudgement(models.Model):
    """The rating of a standard rated by judgement rather than from cases (2018 domain 1)."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="judgements")
    criterion_id = models.CharField(max_length=40)
    rating = models.CharField(max_length=80)
    note = models.TextField(blank=True, default="")
    judged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    judged_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["audit", "criterion_id"],
                                               name="one_judgement_per_standard")]

    def __str__(self):
        return f"audit {self.audit_id} standard {self.criterion_id}: {self.rating}"


class Recommendation(models.Model):
    """A recommendation raised from an audit. ``reference`` (AUD-0003-R2) is stable: an
    improvement plan links to it."""

    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="recommendations")
    number = models.PositiveIntegerField()
    reference = models.CharField(max_length=40, unique=True)
    text = models.TextField()
    owner = models.CharField(max_length=200, help_text="Who holds primary responsibility, "
                                                       "e.g. YOS Head of Service.")
    criteria = models.JSONField(default=list, blank=True,
                                help_text="The criteria (framework ids) it answers.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["audit", "number"]
        constraints = [models.UniqueConstraint(fields=["audit", "number"],
                                               name="one_number_per_audit")]

    def __str__(self):
        return f"{self.reference} {self.text[:60]}"


class SelfAssessment(models.Model):
    """Grades (the 2006-08 joint inspection) or theme scores (EPQA: initial, predicted,
    actual) recorded for the service against a ``grades`` or ``theme_scores`` framework."""

    title = models.CharField(max_length=200)
    framework_id = models.CharField(max_length=80)
    framework_version = models.CharField(max_length=40)
    assessed_on = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-assessed_on", "-id"]

    def __str__(self):
        return f"{self.title} ({self.assessed_on})"

    @property
    def reference(self) -> str:
        return f"SA-{self.pk:04d}" if self.pk else "SA-new"


class SelfAssessmentValue(models.Model):
    """One grade (column ``grade``) or one theme score (column initial / predicted / actual)."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE,
                                   related_name="values")
    item_id = models.CharField(max_length=80)
    column = models.CharField(max_length=40)
    value = models.DecimalField(max_digits=8, decimal_places=4)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    entered_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "item_id", "column"],
                                               name="one_value_per_item_and_column")]

    def __str__(self):
        return f"{self.assessment_id} {self.item_id} {self.column}: {self.value}"
