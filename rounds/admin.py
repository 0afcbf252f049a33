"""Admin for every model of the rounds app.

Phases move through the phase service (the round's management page); here the
phase is read-only, and ballots, votes and stored results can be read, not
typed in, so results stay reproducible from what members cast.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from portal.admin_mixins import ReadOnlyAdminMixin

from . import workshop
from .models import (
    Ballot,
    BallotChoice,
    Criterion,
    Exclusion,
    PairwiseVote,
    PhaseChange,
    Question,
    QuestionRevision,
    QuestionStatus,
    Result,
    Round,
    Score,
    ScorerAssignment,
    SubQuestion,
    Suggestion,
    WorkshopResult,
)


class PhaseChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PhaseChange
    fields = ["created_at", "from_phase", "to_phase", "actor", "reason"]
    readonly_fields = fields
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["name", "position", "weight"]
    extra = 0


@admin.register(Round)
class RoundAdmin(TranslationAdmin):
    """Scope and summary show an English and a Spanish box side by side."""

    list_display = ["name", "phase", "ranking_mode", "created_at"]
    list_filter = ["phase", "ranking_mode"]
    search_fields = ["name", "scope_en", "scope_es"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["phase", "results_computed_at"]
    inlines = [CriterionInline, PhaseChangeInline]


@admin.register(PhaseChange)
class PhaseChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["round", "from_phase", "to_phase", "actor", "created_at"]
    list_filter = ["to_phase"]


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "round", "source", "group", "country", "question"]
    list_filter = ["round", "source", "group"]
    search_fields = ["text"]
    raw_id_fields = ["priority", "question"]


class QuestionRevisionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = QuestionRevision
    fields = ["created_at", "text", "actor"]
    readonly_fields = fields
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "round", "status", "true_uncertainty"]
    list_filter = ["round", "status", "true_uncertainty"]
    search_fields = ["text"]
    raw_id_fields = ["evidence_factor"]
    inlines = [QuestionRevisionInline]


@admin.register(QuestionRevision)
class QuestionRevisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["question", "created_at", "actor"]


class BallotChoiceInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = BallotChoice
    fields = ["rank", "question"]
    readonly_fields = fields
    extra = 0


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["pk", "round", "group", "country", "updated_at"]
    list_filter = ["round", "group"]
    inlines = [BallotChoiceInline]


@admin.register(BallotChoice)
class BallotChoiceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["ballot", "rank", "question"]


@admin.register(PairwiseVote)
class PairwiseVoteAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["round", "group", "first", "second", "choice", "created_at"]
    list_filter = ["round", "group", "choice"]


@admin.register(Exclusion)
class ExclusionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["round", "member", "actor", "created_at"]
    list_filter = ["round"]


@admin.register(Result)
class ResultAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["round", "group", "rank", "question", "score", "carried_forward"]
    list_filter = ["round", "group", "carried_forward"]


class SubQuestionInline(admin.TabularInline):
    model = SubQuestion
    fields = ["text", "position"]
    extra = 0


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "round", "position", "weight"]
    list_filter = ["round"]
    inlines = [SubQuestionInline]


@admin.register(SubQuestion)
class SubQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "criterion", "position"]


class ScorerAssignmentForm(forms.ModelForm):
    class Meta:
        model = ScorerAssignment
        fields = ["round", "scorer", "question"]

    def clean(self):
        data = super().clean()
        round_, question = data.get("round"), data.get("question")
        if (
            round_
            and question
            and (
                question.round_id != round_.pk
                or question.status != QuestionStatus.SHORTLISTED
            )
        ):
            raise forms.ValidationError(
                {"question": _("Choose a question on this round's shortlist.")}
            )
        return data


@admin.register(ScorerAssignment)
class ScorerAssignmentAdmin(admin.ModelAdmin):
    form = ScorerAssignmentForm
    list_display = ["round", "scorer", "question", "created_at"]
    list_filter = ["round"]
    raw_id_fields = ["scorer", "question"]
    fields = ["round", "scorer", "question"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        # Through the service: checked, and the scorer is told.
        saved = workshop.assignment_invite(
            round_=obj.round,
            actor=request.user,
            scorer=obj.scorer,
            question=obj.question,
        )
        obj.pk = saved.pk
        return None


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["assignment", "sub_question", "answer", "updated_at"]
    list_filter = ["answer"]


@admin.register(WorkshopResult)
class WorkshopResultAdmin(admin.ModelAdmin):
    list_display = ["round", "position", "question"]
    list_filter = ["round"]
    raw_id_fields = ["question"]
    fieldsets = [(None, {"fields": ["round", "question", "position", "notes"]})]
