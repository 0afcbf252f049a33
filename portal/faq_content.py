"""The FAQ a fresh install starts with; staff edit it in the admin afterwards.

Facts about the organisation and NEC come from shared/FACTS.md; the wording is ours.
"""

# Every claim below is one the evidence pages show with its source (the figures
# test in tests/portal/test_traced_figures.py checks the rendered page). The
# 0004 migration puts these answers in place of the old ones on existing sites.
HOW_MANY_ANSWER = (
    "In the United States, NEC is one of the ten leading causes of death in "
    "babies under a year old: the national health statistics centre listed it so "
    "in 2019, as the [National Institutes of Health's child-health institute "
    "reports](https://nichd.nih.gov/health/topics/nec/conditioninfo/risk). It "
    "still takes the lives of hundreds of babies there every year, and many more "
    "live with its effects: major surgery, long hospital stays and complications "
    "that can last a lifetime.\n\n"
    "The death rate has come down far less than families and clinicians want. "
    "Babies who need surgery for NEC fare worst. Our page on [how common and how "
    "serious NEC is](/evidence/nec-in-numbers/families/) gives the figures from "
    "the research, with their sources."
)
RISK_ANSWER = (
    "Each factor has [an evidence page](/evidence/) with what the research found, "
    "how sure it is and where it comes from. In short: probiotics and an exclusive "
    "human-milk diet may lower the risk, though the research is not yet certain. "
    "Long first courses of antibiotics and acid-suppressing medicines are linked "
    "to a higher risk; those studies show a link, not proof that the medicines "
    "cause NEC.\n\n"
    "Faster advancement of feeds is often listed as a risk factor, but the "
    "randomised trials found no clear effect on NEC either way. We explain both "
    "on the evidence page.\n\n"
    "We are still checking the figures on donor milk against the original "
    "studies; the page will show them, with their sources, once they are "
    "checked."
)

FAQ_SEED = [
    (
        "About NEC",
        "about-nec",
        [
            (
                "What is necrotizing enterocolitis (NEC)?",
                "NEC is a serious disease of the intestine. It mostly affects babies "
                "born too early. Part of the bowel becomes inflamed and can be badly "
                "damaged, and some babies need surgery.",
            ),
            (
                "How many babies does NEC affect?",
                HOW_MANY_ANSWER,
            ),
            (
                "What is known to change the risk of NEC?",
                RISK_ANSWER,
            ),
            (
                "Is this site medical advice?",
                "No. The portal shares research and education. Decisions about a "
                "baby's care belong to the family and the baby's care team.",
            ),
        ],
    ),
    (
        "The organisation",
        "organisation",
        [
            (
                "Who runs this portal?",
                "A non-profit, tax-exempt 501(c)(3) organisation founded in 2014 and "
                "based in Dallas, Texas. It brings together families affected by NEC, "
                "researchers and clinicians with one aim: fewer babies harmed by NEC.",
            ),
            (
                "Do you only help families in the United States?",
                "No. We support families in any country, and researchers and "
                "clinicians anywhere can take part in the portal.",
            ),
            (
                "What does the organisation do?",
                "We raise awareness of what raises and lowers the risk of NEC, partner "
                "with scientists who study NEC in premature babies, develop the "
                "research priorities needed to prevent, reduce and treat it, and "
                "advocate for policies that protect premature babies, including an "
                "exclusive human-milk diet.",
            ),
            (
                "How do I join the webinar series?",
                "We run a webinar every quarter with partner organisations, including "
                "a parent-support alliance and the National Perinatal Association. "
                "Sign up on the webinars page: we send one e-mail to confirm your "
                "address, and every e-mail has a one-click unsubscribe link.",
            ),
        ],
    ),
    (
        "Using the portal",
        "using-the-portal",
        [
            (
                "What is a research priority?",
                "A question that research should answer, such as whether a feeding "
                "practice prevents NEC. Members propose them; families, clinicians and "
                "researchers support the ones that matter most to them.",
            ),
            (
                "Why do you ask whether I am a parent, clinician or researcher?",
                "So that every group's voice can be seen and weighed fairly. Each "
                "priority shows support from families, clinicians and researchers "
                "separately, and the balanced score gives each group equal weight "
                "however many people it has. You can change your group on your "
                "profile page.",
            ),
            (
                "Why must I confirm my e-mail address before voting?",
                "It keeps one person to one vote and makes it harder for anyone to "
                "flood the portal with fake accounts. We never show your e-mail "
                "address to anyone.",
            ),
            (
                "Can I download or delete my data?",
                "Yes. On your profile page you can download everything we hold about "
                "you as a file, or delete your account. Deleting removes your personal "
                "details and your votes; a comment that others have replied to stays, "
                'shown as written by "a deleted member", so the conversation still '
                "makes sense.",
            ),
        ],
    ),
]
