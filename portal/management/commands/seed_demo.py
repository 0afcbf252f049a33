"""Demo data for a fresh install: members of every role, FAQ, and each app's data.

Idempotent: every object is looked up by a natural key first, so running it again
changes nothing.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from portal.faq_content import FAQ_SEED
from portal.faq_content_es import CATEGORIES_ES, FAQ_ES
from portal.hooks import app_modules
from portal.models import FAQ, FAQCategory, Profession, StakeholderGroup, User
from portal.services import moderator_group

DEMO_PASSWORD = "nec-demo-2026"

DEMO_USERS = [
    # email, display name, group, profession, staff
    ("staff@demo.nec.invalid", "Portal staff", StakeholderGroup.OTHER, "", True),
    (
        "family@demo.nec.invalid",
        "Maria (NICU parent)",
        StakeholderGroup.FAMILY,
        "",
        False,
    ),
    (
        "clinician@demo.nec.invalid",
        "Dr Sam Okafor",
        StakeholderGroup.CLINICIAN,
        Profession.NEONATOLOGIST,
        False,
    ),
    (
        "nurse@demo.nec.invalid",
        "Jo (NICU nurse)",
        StakeholderGroup.CLINICIAN,
        Profession.NURSE,
        False,
    ),
    (
        "researcher@demo.nec.invalid",
        "Dr Lena Brandt",
        StakeholderGroup.RESEARCHER,
        "",
        False,
    ),
    ("other@demo.nec.invalid", "Alex (advocate)", StakeholderGroup.OTHER, "", False),
]


# Staff without superuser rights: sees only what the Moderators group allows.
DEMO_MODERATOR = (
    "moderator@demo.nec.invalid",
    "Robin (moderator)",
    StakeholderGroup.OTHER,
    "",
    True,
)


def _fill_spanish(obj, **texts) -> None:
    """Give `obj` the Spanish of each field that has none yet; what staff wrote
    in the admin is kept."""
    fields = [
        f"{field}_es"
        for field, text in texts.items()
        if text and not getattr(obj, f"{field}_es", None)
    ]
    for name in fields:
        setattr(obj, name, texts[name.removesuffix("_es")])
    if fields:
        obj.save(update_fields=fields)


def demo_user(
    email: str,
    display_name: str,
    group: str,
    profession: str = "",
    staff: bool = False,
    *,
    superuser: bool | None = None,
) -> User:
    """Get or create a verified demo member (used by each app's demo module too).

    Staff are superusers unless superuser=False; all staff join the Moderators group.
    """
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            display_name=display_name,
            stakeholder_group=group,
            profession=profession,
            email_verified=True,
            is_staff=staff,
            is_superuser=staff if superuser is None else superuser,
        )
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    if staff:
        # Staff work through the Moderators permission group (see settings).
        user.groups.add(moderator_group())
    return user


class Command(BaseCommand):
    help = "Load demo members, FAQ and every app's demo data (safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["small", "large"],
            help="Also add benchmark data at this scale (portal/scale_data.py): "
            "large is 200,000 members, 20,000 priorities, 1,000,000 votes, "
            "200,000 comments and 5,000 partners; small is 1/100.",
        )

    def handle(self, *args, **options):
        # Rows are written in English; Spanish goes to the `_es` fields by name.
        translation.activate(settings.LANGUAGE_CODE)
        with transaction.atomic():
            for row in DEMO_USERS:
                demo_user(*row)
            demo_user(*DEMO_MODERATOR, superuser=False)
            for position, (category, slug, questions) in enumerate(FAQ_SEED):
                cat, _ = FAQCategory.objects.get_or_create(
                    slug=slug, defaults={"name_en": category, "position": position}
                )
                _fill_spanish(cat, name=CATEGORIES_ES.get(slug))
                for qpos, (question, answer) in enumerate(questions):
                    faq, _ = FAQ.objects.get_or_create(
                        category=cat,
                        question_en=question,
                        defaults={"answer_en": answer, "position": qpos},
                    )
                    spanish = FAQ_ES.get(question)
                    if spanish:
                        _fill_spanish(faq, question=spanish[0], answer=spanish[1])
        for app, module in app_modules("demo"):
            with transaction.atomic():
                module.seed()
            self.stdout.write(f"  {app}: demo data loaded")
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        if options.get("scale"):
            from portal.scale_data import seed_scale

            seed_scale(options["scale"], log=self.stdout.write)
            self.stdout.write(
                self.style.SUCCESS(f"{options['scale']} scale data added.")
            )
