"""Replace the two FAQ answers that stated figures and links without a source.

The old answers said that about 500 babies die of NEC each year and that deaths
had not fallen in thirty years (no source confirms either), and that donor milk
and formula change the risk (no published finding yet). An answer is replaced
only while it still holds the shipped wording, so an editor's own text is kept.
The texts are copied here, not imported, so the migration never changes.
"""

from django.db import migrations

OLD_MARKERS = {
    "How many babies does NEC affect?": "about 500 babies die of NEC",
    "What is known to change the risk of NEC?": "Formula feeding, and some medicines",
}

NEW_ANSWERS = {
    "How many babies does NEC affect?": "In the United States, NEC is one of the ten leading causes of death in babies under a year old: the national health statistics centre listed it so in 2019, as the [National Institutes of Health's child-health institute reports](https://nichd.nih.gov/health/topics/nec/conditioninfo/risk). It still takes the lives of hundreds of babies there every year, and many more live with its effects: major surgery, long hospital stays and complications that can last a lifetime.\n\nThe death rate has come down far less than families and clinicians want. Babies who need surgery for NEC fare worst. Our page on [how common and how serious NEC is](/evidence/nec-in-numbers/families/) gives the figures from the research, with their sources.",
    "What is known to change the risk of NEC?": "Each factor has [an evidence page](/evidence/) with what the research found, how sure it is and where it comes from. In short: probiotics and an exclusive human-milk diet may lower the risk, though the research is not yet certain. Long first courses of antibiotics and acid-suppressing medicines are linked to a higher risk; those studies show a link, not proof that the medicines cause NEC.\n\nFaster advancement of feeds is often listed as a risk factor, but the randomised trials found no clear effect on NEC either way. We explain both on the evidence page.\n\nWe are still checking the figures on donor milk against the original studies; the page will show them, with their sources, once they are checked.",
}


def replace_answers(apps, schema_editor):
    FAQ = apps.get_model("portal", "FAQ")
    for question, marker in OLD_MARKERS.items():
        for faq in FAQ.objects.filter(question=question, answer__contains=marker):
            faq.answer = NEW_ANSWERS[question]
            faq.save(update_fields=["answer"])


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_outgoing_mail")]

    operations = [migrations.RunPython(replace_answers, migrations.RunPython.noop)]
