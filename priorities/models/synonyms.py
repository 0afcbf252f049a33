"""The field's vocabulary: words and phrases that mean the same thing."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SynonymGroup(models.Model):
    """Words or phrases that name one concept ("preterm, premature, preemie").

    The similarity engine (priorities/similarity.py) reads every group and
    treats its members as one word, so staff teach it the field's language
    in the admin without a deploy.
    """

    words = models.TextField(
        _("words and phrases"),
        help_text=_('Comma-separated, for example "donor milk, banked milk".'),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")

    def __str__(self) -> str:
        return self.words[:80]

    @property
    def terms(self) -> list[str]:
        return [t.strip() for t in self.words.split(",") if t.strip()]
