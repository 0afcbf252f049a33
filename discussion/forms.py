"""Forms for the discussion pages; the services in comments.py/moderation.py act."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .comments import BODY_MAX
from .models import EmailMode, FlagReason, ModerationAction, Stance
from .moderation import FLAG_TEXT_MAX, REASON_MAX

BODY_HELP = _(
    "Plain text; you may use *italics*, **bold**, lists and links. "
    "Please do not share your own or your baby's medical details."
)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=BODY_MAX,
        help_text=BODY_HELP,
    )
    stance = forms.ChoiceField(
        label=_("Your stance on this priority (optional)"),
        choices=[("", _("No stance")), *Stance.choices],
        required=False,
        widget=forms.RadioSelect,
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=BODY_MAX,
        help_text=BODY_HELP,
    )
    parent = forms.IntegerField(widget=forms.HiddenInput)


class CommentEditForm(CommentForm):
    """The comment form again; a reply has no stance of its own."""

    def __init__(self, *args, is_reply: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if is_reply:
            del self.fields["stance"]


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=FlagReason.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=FLAG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you choose “Something else”. Staff read it."),
    )


class NotificationSettingsForm(forms.Form):
    email_mode = forms.ChoiceField(
        label=_("E-mail me about priorities I follow"),
        choices=EmailMode.choices,
        widget=forms.RadioSelect,
    )


class ModerationReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the author)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BlockForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the member)"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("", _("All actions")), *ModerationAction.Action.choices],
        required=False,
    )
    member = forms.IntegerField(label=_("Member id"), required=False, min_value=1)
