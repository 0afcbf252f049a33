"""Forms for the rounds pages; the services do the checking that matters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from priorities.models import Topic
from research.models import Factor

from .models import PairChoice, Phase, QuestionStatus, Round

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class SuggestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        max_length=200,
        help_text=_("What would you like research on NEC to answer?"),
    )
    description = forms.CharField(
        label=_("Why it matters to you (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all())


class BallotForm(forms.Form):
    """One numbered select per rank: works without JavaScript; ballot.js turns
    it into a list ordered with buttons."""

    def __init__(self, *args, round_: Round, questions, initial_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        options = [("", _("— none —"))] + [(str(q.pk), q.text) for q in questions]
        initial_ids = list(initial_ids)
        for rank in range(1, round_.max_choices + 1):
            self.fields[f"rank_{rank}"] = forms.ChoiceField(
                label=_("Choice %(rank)d") % {"rank": rank},
                choices=options,
                required=False,
                initial=str(initial_ids[rank - 1]) if rank <= len(initial_ids) else "",
            )

    def rank_fields(self):
        return [self[f"rank_{rank}"] for rank in range(1, self.round.max_choices + 1)]

    def clean(self):
        data = super().clean()
        chosen: list[int] = []
        first_rank: dict[int, int] = {}
        for rank in range(1, self.round.max_choices + 1):
            value = data.get(f"rank_{rank}")
            if not value:
                continue
            question = int(value)
            if question in first_rank:
                self.add_error(
                    f"rank_{rank}",
                    _("You chose this question already as choice %(rank)d.")
                    % {"rank": first_rank[question]},
                )
                continue
            first_rank[question] = rank
            chosen.append(question)
        data["question_ids"] = chosen
        return data


class PairwiseForm(forms.Form):
    first = forms.IntegerField(widget=forms.HiddenInput)
    second = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(choices=PairChoice.choices)


class PhaseForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("Move the round to"), choices=Phase.choices)
    reason = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)


class ResultsForm(forms.Form):
    carry_forward = forms.IntegerField(
        label=_("How many questions go forward"), min_value=1, max_value=500
    )


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Survey answers (CSV, UTF-8)"),
        help_text=_("One answer a row, with a header row. At most 2 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class ImportMappingForm(forms.Form):
    def __init__(self, *args, header: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        columns = [(c, c) for c in header]
        none = [("", _("— not in the file —"))]
        self.fields["text"] = forms.ChoiceField(
            label=_("Column with the question"), choices=columns
        )
        self.fields["group"] = forms.ChoiceField(
            label=_("Column with the stakeholder group"),
            choices=none + columns,
            required=False,
        )
        self.fields["country"] = forms.ChoiceField(
            label=_("Column with the country code"),
            choices=none + columns,
            required=False,
        )


class MergeForm(forms.Form):
    suggestions = forms.MultipleChoiceField(
        label=_("Suggestions"), widget=forms.CheckboxSelectMultiple
    )
    text = forms.CharField(
        label=_("The indicative question"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggestions"].choices = [
            (str(s.pk), s.text[:160]) for s in suggestions
        ]


class RephraseForm(forms.Form):
    text = forms.CharField(
        label=_("Wording"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class DecideForm(forms.Form):
    status = forms.ChoiceField(label=_("Decision"), choices=QuestionStatus.choices)
    reason = forms.CharField(
        label=_("Why out of scope"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    evidence_factor = forms.ModelChoiceField(
        label=_("Evidence summary that answers it"),
        queryset=Factor.objects.all(),
        required=False,
    )
    evidence_reference = forms.CharField(
        label=_("Systematic review (DOI or PMID)"), max_length=200, required=False
    )


class ExclusionForm(forms.Form):
    ballot = forms.IntegerField(label=_("Ballot number"), min_value=1)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class WorkshopForm(forms.Form):
    """One "agreed position" box per carried-forward question."""

    notes = forms.CharField(
        label=_("Workshop notes"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, questions=(), initial_positions=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_positions = initial_positions or {}
        self.questions = list(questions)
        for q in self.questions:
            self.fields[f"q_{q.pk}"] = forms.IntegerField(
                label=q.text,
                min_value=1,
                max_value=len(self.questions),
                initial=initial_positions.get(q.pk),
            )

    def clean(self):
        data = super().clean()
        positions = {q.pk: data.get(f"q_{q.pk}") for q in self.questions}
        taken: dict[int, int] = {}
        for pk, position in positions.items():
            if position is None:
                continue
            if position in taken:
                self.add_error(f"q_{pk}", _("Another question has this position."))
            taken[position] = pk
        data["positions"] = positions
        return data
