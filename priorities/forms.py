"""Forms for proposing, editing and moderating priorities (validation only)."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .models import OPEN_STATUSES, Priority, Status, Topic
from .services import MAX_TAGS, TITLE_MIN_LENGTH


class PriorityForm(forms.Form):
    title = forms.CharField(
        label=_("Your research question"),
        min_length=TITLE_MIN_LENGTH,
        max_length=200,
        help_text=_(
            "One question, as you would ask it: “Does donor milk fortifier reduce "
            "NEC in babies born before 28 weeks?”"
        ),
        widget=forms.TextInput(
            attrs={
                # Similar priorities appear while typing (htmx); without
                # JavaScript the same check runs when the form is sent.
                "hx-get": reverse_lazy("priorities:similar"),
                "hx-trigger": "input changed delay:500ms",
                "hx-target": "#similar-priorities",
                "hx-swap": "innerHTML",
                "autocomplete": "off",
            }
        ),
    )
    description = forms.CharField(
        label=_("Why it matters"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "A few sentences: who it would help and what we do not know yet. "
            "You can use *emphasis*, lists and links."
        ),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        empty_label=_("Choose a topic"),
        error_messages={"invalid_choice": _("Choose one of the listed topics.")},
    )
    tags = forms.CharField(
        label=_("Tags (optional)"),
        required=False,
        max_length=400,
        help_text=_(
            "Up to %(max)d words or short phrases, separated by commas: "
            "probiotics, donor milk"
        )
        % {"max": MAX_TAGS},
    )


class ProposeForm(PriorityForm):
    confirm_distinct = forms.BooleanField(
        label=_("I have looked at the similar priorities and mine asks something else"),
        required=False,
    )


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to decline or mark answered; shown on the timeline."),
    )


class MergeForm(forms.Form):
    """Merge into a priority found by the similarity engine, never a typed id.

    The page shows the engine's candidates (or the results of a search) as the
    choices; any published or shortlisted priority is accepted when posted, so
    a search made on the page before need not be repeated to validate it.
    """

    target = forms.ModelChoiceField(
        label=_("Priority to merge into"),
        queryset=Priority.objects.filter(status__in=OPEN_STATUSES),
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _(
                "Choose a published or shortlisted priority from the list."
            ),
            "required": _("Choose the priority to merge into."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        initial=_("It asks the same question."),
    )

    def __init__(self, *args, candidates: list[Priority] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].widget.choices = [
            (p.pk, f"#{p.pk} {p.title} ({p.supporters_total})")
            for p in candidates or []
        ]


class TrustForm(forms.Form):
    reason = forms.CharField(required=False, max_length=500)
