"""Demo partner profiles for `manage.py seed_demo`.

Every person and institution here is invented, so no demo profile lists
publications: a made-up record would look like a placeholder, and a real paper
would be claimed by someone who did not write it. The one ORCID iD is ORCID's
own fictional test record.
"""

from datetime import timedelta

from django.utils import timezone

from portal.management.commands.seed_demo import demo_user
from portal.models import StakeholderGroup, User

from .models import (
    DecisionAction,
    Institution,
    Partner,
    PartnerStatus,
    ResearchArea,
    VerificationDecision,
)
from .services import partner_refresh_search

INSTITUTIONS = [
    # key, name, country, city, type
    ("northfield", "Northfield Children's Hospital", "GB", "Manchester", "hospital"),
    ("eastbrook", "Eastbrook University", "US", "Chicago", "university"),
    ("lakeshore", "Lakeshore Institute for Child Health", "CA", "Toronto", "institute"),
    ("rheinland", "Rheinland Perinatal Research Centre", "DE", "Cologne", "institute"),
    ("amstel", "Amstel Neonatal Centre", "NL", "Amsterdam", "hospital"),
    (
        "southern",
        "Southern Cross Women's and Newborn Hospital",
        "AU",
        "Melbourne",
        "hospital",
    ),
    ("fjord", "Fjordbiotics AB", "SE", "Gothenburg", "company"),
    (
        "deccan",
        "Deccan Institute of Maternal and Newborn Health",
        "IN",
        "Hyderabad",
        "institute",
    ),
    ("valeverde", "Universidade do Vale Verde", "BR", "Campinas", "university"),
    ("cape", "Cape Neonatal Research Trust", "ZA", "Cape Town", "nonprofit"),
    ("sakura", "Sakura Perinatal Medical Center", "JP", "Osaka", "hospital"),
]

# email local part, name, title, institution key, department, areas, keywords,
# open to, status, bio
PARTNERS = [
    (
        "researcher",
        "Dr Lena Brandt",
        "Group leader, neonatal microbiology",
        "rheinland",
        "Neonatal Microbiome Group",
        ["microbiome", "probiotics"],
        "gut colonisation, antibiotic exposure, metagenomics",
        ["collaboration", "speaking"],
        "verified",
        "I study how the first bacteria to settle in a preterm baby's gut shape the "
        "risk of NEC, and how early antibiotics change that picture.",
    ),
    (
        "a.okonkwo-reid",
        "Dr Amara Okonkwo-Reid",
        "Consultant neonatologist",
        "northfield",
        "Neonatal Intensive Care Unit",
        ["nutrition-human-milk", "quality-improvement"],
        "donor milk, feeding advancement, fortifiers",
        ["recruiting", "collaboration"],
        "verified",
        "I lead feeding trials on our unit. We are recruiting families of babies born "
        "before 32 weeks to a study comparing two ways of increasing milk feeds.",
    ),
    (
        "g.whitlow",
        "Grace Whitlow",
        "Nurse researcher",
        "northfield",
        "Neonatal Nursing Research",
        ["family-centred-care", "quality-improvement"],
        "skin-to-skin care, parent education, care bundles",
        ["mentoring", "speaking"],
        "verified",
        "A neonatal nurse for fifteen years, I now study how parents can be part of "
        "the daily checks that pick up early signs of feeding intolerance.",
    ),
    (
        "t.wielgosz",
        "Prof. Tomasz Wielgosz",
        "Professor of paediatric radiology",
        "amstel",
        "Department of Radiology",
        ["imaging", "biomarkers-diagnosis"],
        "bowel ultrasound, portal venous gas, image scoring",
        ["collaboration", "mentoring"],
        "verified",
        "My team compares bowel ultrasound with X-ray for spotting NEC earlier and "
        "trains neonatal teams to use it at the cot side.",
    ),
    (
        "p.venkataraman",
        "Dr Priya Venkataraman",
        "Epidemiologist",
        "deccan",
        "Newborn Health Unit",
        ["epidemiology", "quality-improvement"],
        "population cohorts, low-resource settings, registries",
        ["collaboration"],
        "verified",
        "I run a multi-centre registry of preterm births in South India and look at "
        "why NEC rates differ so much between units.",
    ),
    (
        "m.ferreira",
        "Dr Mateus Ferreira Lins",
        "Associate professor of paediatrics",
        "valeverde",
        "Faculdade de Ciências Médicas",
        ["probiotics", "microbiome"],
        "probiotic strains, safety surveillance",
        ["collaboration", "speaking"],
        "verified",
        "I coordinate a network of Brazilian units that follows up the safety of "
        "probiotic use in very preterm infants.",
    ),
    (
        "h.lindqvist",
        "Dr Hannah Lindqvist",
        "Head of clinical research",
        "fjord",
        "",
        ["probiotics", "microbiome"],
        "strain characterisation, manufacturing quality",
        ["collaboration"],
        "verified",
        "I work on quality control of probiotic products meant for preterm infants, "
        "where contamination is a real risk.",
    ),
    (
        "k.morisawa",
        "Dr Kenji Morisawa",
        "Paediatric surgeon",
        "sakura",
        "Department of Paediatric Surgery",
        ["surgery", "neurodevelopmental-outcomes"],
        "laparotomy, peritoneal drain, short bowel",
        ["mentoring", "speaking"],
        "verified",
        "I operate on babies with NEC and follow them up into school age with our "
        "developmental team.",
    ),
    (
        "s.ndlovu",
        "Dr Sipho Ndlovu-Marais",
        "Director of research",
        "cape",
        "",
        ["family-centred-care", "epidemiology"],
        "kangaroo mother care, breast milk banks",
        ["recruiting", "collaboration"],
        "verified",
        "Our trust supports milk banks in public hospitals and studies how they change "
        "outcomes for the smallest babies.",
    ),
    (
        "c.dumont",
        "Dr Claire Dumont-Hayes",
        "Scientist",
        "lakeshore",
        "Translational Medicine Program",
        ["biomarkers-diagnosis", "immunology"],
        "intestinal fatty acid binding protein, stool markers",
        ["collaboration"],
        "verified",
        "I look for markers in blood and stool that show NEC is starting before the "
        "baby becomes very ill.",
    ),
    (
        "r.oyelaran",
        "Dr Rachel Oyelaran",
        "Developmental paediatrician",
        "eastbrook",
        "Department of Pediatrics",
        ["neurodevelopmental-outcomes"],
        "follow-up clinics, cognitive outcomes",
        ["mentoring", "recruiting"],
        "verified",
        "I follow children who survived NEC and study what helps them catch up.",
    ),
    (
        "i.marchetti",
        "Dr Isabel Marchetti",
        "Research fellow",
        "southern",
        "Newborn Research Centre",
        ["immunology", "microbiome"],
        "toll-like receptor 4, inflammation",
        ["collaboration"],
        "verified",
        "My lab studies why the preterm gut overreacts to bacteria that older babies "
        "tolerate.",
    ),
    (
        "o.castellanos",
        "Dr Oliver Castellanos",
        "Postdoctoral researcher",
        "eastbrook",
        "Department of Pediatrics",
        ["nutrition-human-milk"],
        "human milk oligosaccharides",
        ["collaboration"],
        "pending",
        "I study the sugars in human milk that feed protective gut bacteria.",
    ),
    (
        "y.demirci",
        "Dr Yusuf Demirci",
        "Neonatology fellow",
        "amstel",
        "Neonatal Intensive Care Unit",
        ["biomarkers-diagnosis"],
        "heart rate variability",
        [],
        "returned",
        "Early warning scores for NEC.",
    ),
]


def seed() -> None:
    staff = User.objects.active_staff().order_by("pk").first()
    institutions = {}
    for key, name, country, city, kind in INSTITUTIONS:
        institutions[key], _ = Institution.objects.get_or_create(
            name=name,
            country=country,
            defaults={"city": city, "type": kind, "is_confirmed": True},
        )
    areas = {a.slug: a for a in ResearchArea.objects.all()}
    now = timezone.now()
    created = []
    for n, row in enumerate(PARTNERS):
        (local, name, title, inst, dept, area_slugs, keywords, open_to, status, bio) = (
            row
        )
        user = demo_user(f"{local}@demo.nec.invalid", name, StakeholderGroup.RESEARCHER)
        if Partner.objects.filter(user=user).exists():
            continue
        institution = institutions[inst]
        verified = status == PartnerStatus.VERIFIED
        partner = Partner.objects.create(
            user=user,
            display_name=name,
            title=title,
            institution=institution,
            department=dept,
            city=institution.city,
            country=institution.country,
            orcid="0000-0002-1825-0097" if local == "researcher" else "",
            bio=bio,
            keywords=keywords,
            status=status,
            status_reason=(
                "Please add your institution's department and a sentence on your "
                "NEC research, so families know what you work on."
                if status == PartnerStatus.RETURNED
                else ""
            ),
            submitted_at=now - timedelta(days=60 - n),
            verified_at=now - timedelta(days=40 - n) if verified else None,
            verified_by=staff if verified else None,
            **{f"open_to_{choice}": True for choice in open_to},
        )
        partner.research_areas.set([areas[s] for s in area_slugs if s in areas])
        # History only; demo decisions are marked sent so no e-mail goes out.
        VerificationDecision.objects.create(
            partner=partner,
            action=DecisionAction.SUBMITTED,
            actor=user,
            created_at=partner.submitted_at,
            emailed_at=partner.submitted_at,
        )
        if status != PartnerStatus.PENDING:
            VerificationDecision.objects.create(
                partner=partner,
                action=status,
                actor=staff,
                reason=partner.status_reason,
                created_at=partner.verified_at or now,
                emailed_at=partner.verified_at or now,
            )
        created.append(partner.pk)
    # A suggestion waiting for staff, to show the confirm/merge workflow.
    Institution.objects.get_or_create(
        name="Eastbrook Univ. Medical Center",
        country="US",
        defaults={"city": "Chicago", "type": "hospital", "is_confirmed": False},
    )
    partner_refresh_search(partner_ids=created)
