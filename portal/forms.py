from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import ContactMessage, Profession, StakeholderGroup, User


def add_service_errors(
    form: forms.BaseForm,
    exc: ValidationError,
    *,
    rename: dict[str, str] | None = None,
) -> None:
    """Show a service's ValidationError on the form that called it.

    A message about a field the person can see goes next to that field (after
    `rename` maps a service's field name to the form's); every other message,
    including one about a hidden or unknown field, goes at the top, so none is
    lost. The ValidationError objects keep their codes.
    """
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.error_list)
        return
    for field, errors in exc.error_dict.items():
        target = (rename or {}).get(field, field)
        shown = target in form.fields and not form.fields[target].widget.is_hidden
        form.add_error(target if shown else None, errors)


def _clean_profession(cleaned: dict) -> None:
    group = cleaned.get("stakeholder_group")
    if group == StakeholderGroup.CLINICIAN and not cleaned.get("profession"):
        raise ValidationError(
            {"profession": _("Tell us your profession so others can weigh your view.")}
        )
    if group != StakeholderGroup.CLINICIAN:
        cleaned["profession"] = ""


class SignupForm(forms.Form):
    """Extra fields for allauth's sign-up form."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_("Shown next to your votes and comments. It need not be your name."),
    )
    stakeholder_group = forms.ChoiceField(
        label=_("I am taking part as"),
        choices=StakeholderGroup.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Families include parents, caregivers and bereaved families. "
            "You can change this later."
        ),
    )
    profession = forms.ChoiceField(
        label=_("Profession (clinicians)"),
        choices=[("", _("—")), *Profession.choices],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        _clean_profession(cleaned)
        return cleaned

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.stakeholder_group = self.cleaned_data["stakeholder_group"]
        user.profession = self.cleaned_data.get("profession", "")
        # The language they signed up in: their mail and later sign-ins follow it.
        user.language = translation.get_language() or ""
        user.save(
            update_fields=[
                "display_name",
                "stakeholder_group",
                "profession",
                "language",
            ]
        )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "stakeholder_group", "profession", "language"]
        widgets = {"stakeholder_group": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Same wording and empty choice as the sign-up form.
        signup = SignupForm.base_fields
        self.fields["profession"].label = signup["profession"].label
        self.fields["profession"].choices = signup["profession"].choices
        self.fields["display_name"].help_text = signup["display_name"].help_text

    def clean(self):
        cleaned = super().clean()
        _clean_profession(cleaned)
        return cleaned


class HoneypotMixin(forms.Form):
    # Hidden from people by CSS and aria-hidden; bots fill every field they see.
    # includes/form.html hides the field this names (other forms' own "website"
    # fields, such as the partner profile's, stay visible).
    honeypot_field = "website"
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ContactForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = ContactMessage
        fields = ["name", "email", "topic", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 8, "maxlength": 5000})}


class WebinarSubscribeForm(HoneypotMixin):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_('Type "DELETE" to confirm'),
        max_length=10,
    )

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value.upper() != "DELETE":
            raise ValidationError(_('Type the word "DELETE" to confirm.'))
        return value
