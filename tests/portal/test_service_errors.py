from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from portal.forms import add_service_errors


class _Form(forms.Form):
    title = forms.CharField()
    parent = forms.IntegerField(widget=forms.HiddenInput)


def _bound():
    form = _Form({"title": "A question", "parent": "3"})
    assert form.is_valid()
    return form


def test_a_message_for_a_visible_field_is_shown_next_to_it():
    form = _bound()
    add_service_errors(form, ValidationError({"title": "Too close to another."}))
    assert form.errors["title"] == ["Too close to another."]
    assert NON_FIELD_ERRORS not in form.errors


def test_hidden_unknown_and_plain_messages_go_to_the_top():
    form = _bound()
    add_service_errors(form, ValidationError({"parent": "Gone.", "author": "Blocked."}))
    add_service_errors(form, ValidationError("Try later.", code="rate"))
    assert form.non_field_errors() == ["Gone.", "Blocked.", "Try later."]
    assert form.has_error(NON_FIELD_ERRORS, code="rate")


def test_a_service_field_name_can_be_mapped_to_the_form_field():
    form = _bound()
    add_service_errors(
        form, ValidationError({"headline": "Too long."}), rename={"headline": "title"}
    )
    assert form.errors["title"] == ["Too long."]
