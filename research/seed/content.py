"""Seed content for the evidence pages: how each row of findings.json is used.

findings.json is a verbatim copy of the organisation's evidence table (with its
`verified` flags). This module adds what the table does not hold: which factor a
row belongs to, the outcome category, and the texts, all written for the portal.
Rules followed here (see docs/research.md):
- rows with `verified: false` become draft findings marked "needs verification";
- rows whose `pmid` and `doi` are both null also wait for verification, because a
  published finding must link to its source; a DOI or PMID is never taken from a
  row's citation text (the loader reads identifiers from the row's own fields, so
  the identifiers below are only a reminder of what the row says);
- a `statement` row is published as a quotation of its `quote`, linked to its
  `source_url`, and never as a number;
- nothing that is null in the table is filled in.
"""

# Citations, keyed by a short name. Only details given in findings.json are used;
# where the table gives no title or author list, the field stays empty.
CITATIONS = {
    "quigley2024": {
        "authors": "Quigley M, et al.",
        "year": 2024,
        "title": "Donor human milk for preventing NEC in very preterm or VLBW infants",
        "journal": "Cochrane Database Syst Rev 2024; CD002971.pub6",
        "pmid": "39239939",
        "doi": "10.1002/14651858.CD002971.pub6",
        "note": "",
    },
    "colaizy2024": {
        "authors": "Colaizy TT, et al.",
        "year": 2024,
        "title": "",
        "journal": "JAMA 2024;331(7):582-591",
        "pmid": "38497706",
        "doi": "10.1001/jama.2023.27693",
        "note": "",
    },
    "sharif2020": {
        "authors": "Sharif S, Meader N, Oddie SJ, Rojas-Reyes MX, McGuire W",
        "year": 2020,
        "title": "",
        "journal": "Cochrane Database Syst Rev 2020;10:CD005496",
        "pmid": "33058137",
        "doi": "10.1002/14651858.CD005496.pub5",
        "note": "Figures from the review's summary of findings.",
    },
    "sharif2023": {
        "authors": "Sharif S, et al.",
        "year": 2023,
        "title": "",
        "journal": "Cochrane Database Syst Rev 2023; CD005496.pub6",
        "pmid": "",
        "doi": "10.1002/14651858.CD005496.pub6",
        "note": "Counts from the abstract; certainty as reported by Cochrane "
        "Iberoamerica. The pooled risk ratio is not shown here.",
    },
    "oddie2021": {
        "authors": "Oddie SJ, Young L, McGuire W",
        "year": 2021,
        "title": "",
        "journal": "Cochrane Database Syst Rev 2021;8:CD001241",
        "pmid": "34427330",
        "doi": "10.1002/14651858.CD001241.pub8",
        "note": "The pooled risk ratio is not shown here.",
    },
    "dorling2019": {
        "authors": "Dorling J, et al.",
        "year": 2019,
        "title": "Controlled Trial of Two Incremental Milk-Feeding Rates in Preterm "
        "Infants",
        "journal": "N Engl J Med 2019;381:1434-1443 (SIFT trial)",
        "pmid": "",
        "doi": "",
        "note": "",
    },
    "holman1989": {
        "authors": "Holman RC, et al.",
        "year": 1989,
        "title": "Necrotizing enterocolitis mortality in the United States, 1979-85",
        "journal": "Am J Public Health 1989;79(8):987-9",
        "pmid": "2751037",
        "doi": "10.2105/ajph.79.8.987",
        "note": "",
    },
    "holman1997": {
        "authors": "Holman RC, Stoll BJ, Clarke MJ, Glass RI",
        "year": 1997,
        "title": "The epidemiology of necrotizing enterocolitis infant mortality in "
        "the United States",
        "journal": "Am J Public Health 1997;87(12):2026-31",
        "pmid": "9431297",
        "doi": "10.2105/ajph.87.12.2026",
        "note": "",
    },
    "wolf2023": {
        "authors": "Wolf MF, Rose AT, Goel R, Canvasser J, Stoll BJ, Patel RM",
        "year": 2023,
        "title": "Trends and racial and geographic differences in infant mortality "
        "in the United States due to necrotizing enterocolitis, 1999 to 2020",
        "journal": "JAMA Netw Open 2023;6(3):e231511",
        "pmid": "36867411",
        "doi": "",
        "note": "",
    },
    "klerk2023": {
        "authors": "Klerk DH, et al.",
        "year": 2023,
        "title": "Fetal-neonatal exposure to antibiotics and NEC development: "
        "systematic review and meta-analysis",
        "journal": "Front Pediatr 2023",
        "pmid": "36727006",
        "doi": "10.3389/fped.2022.1102884",
        "note": "",
    },
    "alexander2011": {
        "authors": "Alexander et al.",
        "year": 2011,
        "title": "Antibiotic exposure in the newborn intensive care unit and the "
        "risk of NEC",
        "journal": "J Pediatr 2011;159:392",
        "pmid": "21489560",
        "doi": "10.1016/j.jpeds.2011.02.035",
        "note": "",
    },
    "cotten2009": {
        "authors": "Cotten CM, et al.",
        "year": 2009,
        "title": "",
        "journal": "Pediatrics 2009;123:58-66",
        "pmid": "",
        "doi": "10.1542/peds.2007-3423",
        "note": "The odds ratios are not shown here.",
    },
    "more2013": {
        "authors": "More K, Athalye-Jape G, Rao S, Patole S",
        "year": 2013,
        "title": "",
        "journal": "Am J Perinatol 2013;30(10):849-856",
        "pmid": "23359235",
        "doi": "10.1055/s-0033-1333671",
        "note": "",
    },
    "guillet2006": {
        "authors": "Guillet R, et al.",
        "year": 2006,
        "title": "Association of H2-blocker therapy and higher incidence of NEC in "
        "VLBW infants",
        "journal": "Pediatrics 2006;117(2):e137-42",
        "pmid": "16390920",
        "doi": "10.1542/peds.2005-1543",
        "note": "",
    },
    "sullivan2010": {
        "authors": "Sullivan S, et al.",
        "year": 2010,
        "title": "",
        "journal": "J Pediatr 2010;156(4):562-567",
        "pmid": "20036378",
        "doi": "10.1016/j.jpeds.2009.10.040",
        "note": "The event rates are not shown here; only the P values.",
    },
    "ananthan2020": {
        "authors": "Ananthan A, Balasubramanian H, Rao S, Patole S",
        "year": 2020,
        "title": "",
        "journal": "Adv Nutr 2020;11(5):1325-1333",
        "pmid": "32277813",
        "doi": "10.1093/advances/nmaa039",
        "note": "",
    },
    "premkumar2019": {
        "authors": "Premkumar MH, Pammi M, Suresh G",
        "year": 2019,
        "title": "",
        "journal": "Cochrane Database Syst Rev 2019;11:CD013145",
        "pmid": "",
        "doi": "10.1002/14651858.CD013145.pub2",
        "note": "",
    },
    "alsaied2020": {
        "authors": "Alsaied A, Islam N, Thalib L",
        "year": 2020,
        "title": "Global incidence of NEC: systematic review and meta-analysis",
        "journal": "BMC Pediatr 2020;20:344",
        "pmid": "32660457",
        "doi": "10.1186/s12887-020-02231-5",
        "note": "",
    },
    "jpeds2020": {
        # The author list was not checked, so it stays empty.
        "authors": "",
        "year": 2020,
        "title": "Contemporary outcomes for infants with NEC: a systematic review",
        "journal": "J Pediatr 2020",
        "pmid": "31982088",
        "doi": "",
        "note": "",
    },
}

# How each row of findings.json (by position) is used. Fields given here either
# map the row onto the portal's categories or restate, in words, a result the
# table records without a number. `citation` None: no DOI/PMID in the table.
ROWS = [
    {  # 0
        "factor": "donor-human-milk",
        "citation": "quigley2024",
        "outcome": "nec",
        "effect_measure": "RR",
        "verification_note": "Estimate and certainty seen only in a secondary "
        "summary. Check the Cochrane review (CD002971.pub6).",
    },
    {  # 1
        "factor": "donor-human-milk",
        "citation": "colaizy2024",
        "outcome": "nec",
        "effect_measure": "percent",
        "measure_detail": "incidence in the donor-milk arm",
        "verification_note": "NEC rates seen only in a news report. Check the "
        "JAMA article.",
    },
    {  # 2
        "factor": "probiotics",
        "citation": "sharif2020",
        "outcome": "nec",
        "effect_measure": "RR",
    },
    {  # 3
        "factor": "probiotics",
        "citation": "sharif2020",
        "outcome": "nec",
        "effect_measure": "RR",
        "outcome_detail": "NEC before discharge (trials at low risk of bias only)",
        "certainty_note": "Not rated separately for this sensitivity analysis.",
    },
    {  # 4
        "factor": "probiotics",
        "citation": "sharif2020",
        "outcome": "death",
        "effect_measure": "RR",
    },
    {  # 5
        "factor": "probiotics",
        "citation": "sharif2023",
        "outcome": "nec",
        "effect_measure": "none",
        "result_text": "Probiotics may reduce NEC (low certainty); death is "
        "probably reduced.",
        "certainty": "low",
        "certainty_note": "Low for NEC (“may reduce”); death “probably” reduced.",
    },
    {  # 6
        "factor": "feed-advancement",
        "citation": "oddie2021",
        "outcome": "nec_or_death",
        "effect_measure": "none",
        "result_text": "Slow advancement probably does not affect the risk of NEC "
        "or death.",
    },
    {  # 7
        "factor": "feed-advancement",
        "citation": "dorling2019",
        "outcome": "nec",
        "effect_measure": "RR",
        "measure_detail": "adjusted",
        "verification_note": "Figures read in the university repository copy; the "
        "article's PMID and DOI are not confirmed. Enter the confirmed identifiers "
        "as the source, check the figures again, then untick this box.",
    },
    {  # 8
        "factor": "prolonged-antibiotics",
        "citation": "klerk2023",
        "outcome": "nec",
        "effect_measure": "OR",
        "measure_detail": "unadjusted, pooled",
    },
    {  # 9
        "factor": "prolonged-antibiotics",
        "citation": None,
        "outcome": "nec",
        "effect_measure": "OR",
        "measure_detail": "adjusted, pooled",
        "verification_note": "Figures read in an abstract copy; the article's PMID "
        "and DOI are not confirmed. Enter them before publishing.",
    },
    {  # 10
        "factor": "prolonged-antibiotics",
        "citation": "alexander2011",
        "outcome": "nec",
        "effect_measure": "none",
        "result_text": "More than 10 days of antibiotics was linked to a nearly "
        "threefold risk of NEC.",
    },
    {  # 11
        "factor": "prolonged-antibiotics",
        "citation": "cotten2009",
        "outcome": "nec_or_death",
        "effect_measure": "OR",
        "measure_detail": "adjusted",
        "result_text": "Prolonged initial antibiotics were linked to NEC or death; "
        "each extra day was linked to higher odds of NEC.",
    },
    {  # 12
        "factor": "prolonged-antibiotics",
        "citation": None,
        "outcome": "death_or_morbidity",
        "effect_measure": "OR",
        "measure_detail": "adjusted",
        "verification_note": "No longer verified: the abstract reports a composite "
        "outcome (death or major illness), not NEC alone. No DOI or PMID recorded.",
    },
    {  # 13
        "factor": "acid-suppression",
        "citation": "more2013",
        "outcome": "nec",
        "effect_measure": "OR",
        "measure_detail": "pooled",
    },
    {  # 14
        "factor": "acid-suppression",
        "citation": "guillet2006",
        "outcome": "nec",
        "effect_measure": "OR",
        "result_text": "H2-blocker use was linked to a higher rate of NEC (P < .0001).",
        # The table's note quotes percentages from a secondary summary: left out.
        "certainty_note": "Observational.",
    },
    {  # 15
        "factor": "exclusive-human-milk-diet",
        "citation": "sullivan2010",
        "outcome": "nec",
        "effect_measure": "none",
        "result_text": "Less NEC (P = .02) and less surgical NEC (P = .007) with "
        "the exclusive human-milk diet.",
    },
    {  # 16
        "factor": "human-milk-fortifier",
        "citation": "ananthan2020",
        "outcome": "nec",
        "effect_measure": "RR",
    },
    {  # 17
        "factor": "human-milk-fortifier",
        "citation": "ananthan2020",
        "outcome": "surgical_nec",
        "effect_measure": "RR",
    },
    {  # 18
        "factor": "human-milk-fortifier",
        "citation": "premkumar2019",
        "outcome": "nec",
        "effect_measure": "RR",
        "result_text": "Insufficient evidence to tell whether the fortifier type "
        "changes the risk of NEC in infants fed only breast milk.",
    },
    {  # 19
        "factor": "exclusive-human-milk-diet",
        "citation": None,
        "outcome": "nec",
        "effect_measure": "percent",
        "verification_note": "No DOI or PMID recorded. Find the article's "
        "identifiers before publishing.",
    },
    {  # 20
        "factor": "nec-in-numbers",
        "citation": "alsaied2020",
        "outcome": "incidence",
        "effect_measure": "percent",
        "measure_detail": "pooled incidence",
    },
    {  # 21
        "factor": "nec-in-numbers",
        "citation": "jpeds2020",
        "outcome": "mortality_after_nec",
        "effect_measure": "percent",
        "measure_detail": "pooled mortality",
    },
    {  # 22
        "factor": "nec-in-numbers",
        "citation": "jpeds2020",
        "outcome": "mortality_after_nec",
        "effect_measure": "percent",
        "measure_detail": "pooled mortality",
    },
    {  # 23
        "factor": "donor-human-milk",
        "citation": "quigley2024",
        "outcome": "nec",
        "effect_measure": "none",
        "attribution": "Cochrane review authors (plain language summary, 2024)",
        "certainty_note": "The review authors say they are confident in the "
        "evidence for an effect on NEC.",
    },
    {  # 24
        "factor": "donor-human-milk",
        "citation": "colaizy2024",
        "outcome": "nec",
        "effect_measure": "RD",
        "measure_detail": "adjusted, percentage points",
        "verification_note": "Figures seen only in a news report. Check the JAMA "
        "article.",
    },
    {  # 25
        "factor": "nec-in-numbers",
        "citation": "holman1989",
        "outcome": "nec_deaths",
        "effect_measure": "rate",
        "measure_detail": "deaths per 100,000 live births a year, US 1979-85",
    },
    {  # 26
        "factor": "nec-in-numbers",
        "citation": "holman1997",
        "outcome": "nec_deaths",
        "effect_measure": "rate",
        "measure_detail": "deaths per 100,000 live births, US 1990-92",
    },
    {  # 27
        "factor": "nec-in-numbers",
        "citation": None,
        "outcome": "nec_deaths",
        "effect_measure": "none",
        "attribution": "NICHD, the NIH's child-health institute",
    },
    {  # 28
        "factor": "nec-in-numbers",
        "citation": "wolf2023",
        "outcome": "nec_deaths",
        "effect_measure": "rate",
        "measure_detail": "deaths per 100,000 live births, US 1999-2020",
        "verification_note": "Figures seen only in a news report. Check the JAMA "
        "Network Open article.",
    },
    {  # 29
        "factor": "probiotics",
        "citation": None,
        "outcome": "nec",
        "effect_measure": "none",
        "attribution": "American Academy of Pediatrics (clinical report, 2021)",
        "certainty_note": "A professional body's position.",
    },
    {  # 30
        "factor": "probiotics",
        "citation": None,
        "outcome": "nec",
        "effect_measure": "none",
        "attribution": "ESPGHAN (position paper, 2020)",
        "verification_note": "Quotation read in a repository record only. Check "
        "the position paper and enter its identifiers.",
    },
    {  # 31
        "factor": "probiotics",
        "citation": None,
        "outcome": "nec",
        "effect_measure": "none",
        "attribution": "US Food and Drug Administration (2023)",
        "verification_note": "Read only in a news report. Check the FDA's own "
        "press release and letters.",
    },
]

GRADE_WORDS = {"high", "moderate", "low", "very low"}

FACTORS = [
    {
        "slug": "probiotics",
        "name": "Probiotics",
        "direction": "lowers",
        "clinician": """\
In very preterm or very low birth weight (VLBW) infants, probiotics **probably
reduce** death before discharge and **may reduce** NEC.

- **NEC:** RR 0.54 (95% CI 0.45 to 0.65); 54 trials, 10,604 infants;
  low-certainty evidence (Cochrane review, Sharif 2020).
- **Trials at low risk of bias only:** RR 0.70 (0.55 to 0.89); 16 trials, 4,597
  infants. The effect is smaller when only the most reliable trials are pooled.
- **All-cause death before discharge:** RR 0.76 (0.65 to 0.89); 51 trials,
  10,170 infants; moderate certainty.
- The 2023 update of the review (60 trials, 11,156 infants) reaches the same
  conclusion: probiotics may reduce NEC and probably reduce death.

Low certainty means the true effect may be substantially different from the
estimate. Unit policies should name the product, dose and the infants it is for.

The American Academy of Pediatrics reads the same evidence differently: it does
not support routine probiotics for preterm infants, especially those under
1000 g (its words are quoted below).
""",
        "plain": """\
Probiotics are live “friendly” bacteria. Many trials have tested them in babies
born very early or very small.

In these trials, babies who got probiotics had NEC less often. So probiotics may
lower the risk of NEC. We are not fully sure, because some trials had
weaknesses. When only the best trials were counted, the benefit looked smaller.

Probiotics probably also lower the chance that a baby dies before going home.

Not everyone agrees. The American Academy of Pediatrics, a body of US
children's doctors, does not support giving probiotics to every preterm baby. It
says the results on safety and benefit conflict.

You can ask your baby's care team whether your unit uses probiotics, and why.
""",
    },
    {
        "slug": "exclusive-human-milk-diet",
        "name": "Exclusive human-milk diet",
        "direction": "lowers",
        "clinician": """\
An exclusive human-milk diet (mother's own milk or donor milk, fortified with a
human-milk-based fortifier instead of bovine products) **may lower** the risk of
NEC.

- **Randomised trial** (Sullivan 2010; 207 infants): an exclusive human-milk diet
  compared with mother's milk plus bovine fortifier or preterm formula. NEC was
  less frequent (P = .02), and so was surgical NEC (P = .007).
- This was a single trial, funded by industry; it is not GRADE-rated.

See also the summary on human-milk-based fortifier, where the pooled trials give
low to very low certainty.
""",
        "plain": """\
An “exclusive human-milk diet” means a baby gets only human milk. That is the
mother's own milk, or donor milk when there is not enough. Even the extra
nutrients added to the milk come from human milk, not cow's milk.

In one trial, babies on this diet got NEC less often than babies who also had
cow's-milk products. It was a single trial, and it was funded by industry. So
this diet may lower the risk of NEC, but we cannot be sure yet.
""",
    },
    {
        "slug": "human-milk-fortifier",
        "name": "Human-milk-based fortifier",
        "direction": "lowers",
        "clinician": """\
A human-milk-derived fortifier **may reduce** NEC compared with a
bovine-milk-derived fortifier, but the certainty is **low to very low** and the
trials were industry-linked.

- **NEC (stage II or more):** RR 0.38 (0.15 to 0.95); 4 trials, 334 infants
  (Ananthan 2020). The difference was no longer significant once trials at high
  risk of bias were left out.
- **Surgical NEC:** RR 0.13 (0.02 to 0.67); 3 trials, 209 infants.
- In infants fed only breast milk, a Cochrane review (Premkumar 2019) found one
  trial (127 infants) and insufficient evidence on NEC.
""",
        "plain": """\
Milk for very small babies often has extra nutrients added. This is called
fortifier. It can be made from cow's milk or from human milk.

A few small trials suggest that the human-milk kind may lower the risk of NEC.
But the trials were small, some had weaknesses, and they were linked to industry.
So we cannot be sure.

One trial looked at babies fed only breast milk. It had too little evidence to
tell either way.
""",
    },
    {
        "slug": "donor-human-milk",
        "name": "Donor human milk instead of formula",
        "direction": "lowers",
        "clinician": """\
For very preterm or VLBW infants without enough of their mother's own milk,
the 2024 Cochrane review of donor human milk against formula (Quigley 2024; 12
trials, 2,296 infants) concludes that donor milk **reduces** the risk of NEC. Its
authors state that they are confident in the evidence for this effect; their
words are quoted below, with a link to where we read them.

We do not yet show the review's pooled estimate, or the figures from the more
recent MILK trial (Colaizy 2024): both are still being checked against the
primary sources.
""",
        "plain": """\
Donor milk is breast milk given by other mothers and made safe by a milk bank.

A large review of trials compared donor milk with formula for babies born very
early or very small. The review found that donor milk lowers the risk of NEC.
The people who wrote the review say they are confident about this.

Your own milk is still the first choice. Donor milk helps when there is not
enough of it.
""",
    },
    {
        "slug": "prolonged-antibiotics",
        "name": "Long first courses of antibiotics",
        "direction": "raises",
        "clinician": """\
Long initial courses of empirical antibiotics **are linked to** a higher risk of
NEC in preterm infants. All of this evidence is observational: it shows an
association, not that antibiotics cause NEC. Infants who receive longer courses
may be sicker in ways the studies could not fully measure.

- **Meta-analysis** (Klerk 2023; 10 studies): prolonged vs shorter initial
  empirical antibiotics, unadjusted pooled OR 2.72 (1.65 to 4.47).
- **Case-control study** (Alexander 2011; 124 cases, 248 controls): more than 10
  days of antibiotics, in neonates without prior sepsis, was linked to a nearly
  threefold risk of NEC.
- **Cohort of ELBW infants** in 19 centres (Cotten 2009; 4,039 infants): 5 days
  or more of initial empirical antibiotics with sterile cultures was linked to NEC
  or death, and each extra day to higher odds of NEC.

These associations are one reason for antibiotic stewardship in NICUs.
""",
        "plain": """\
Babies in intensive care often get antibiotics early on, in case they have an
infection.

Studies found that babies who had long first courses of antibiotics got NEC more
often. This is a link. It does not prove that the antibiotics caused NEC. Babies
who get longer courses may also be sicker.

This is one reason to review antibiotics often and to stop them when tests show
no infection. You can ask the team how long your baby will have antibiotics, and
why.
""",
    },
    {
        "slug": "acid-suppression",
        "name": "Acid-suppressing medicines (H2 blockers)",
        "direction": "raises",
        "clinician": """\
Exposure to H2-receptor blockers **is linked to** a higher risk of NEC in very
low birth weight infants. The evidence is observational, so it cannot show that
the drugs cause NEC.

- **Meta-analysis** (More 2013; 2 studies, 11,346 infants): pooled OR 1.78
  (1.40 to 2.27).
- **NICHD Neonatal Research Network registry** (Guillet 2006; 11,072 infants):
  earlier H2-blocker use was linked to a higher incidence of NEC (P < .0001).

Gastric acid suppression in preterm infants deserves a clear indication and a
stop date.
""",
        "plain": """\
Some babies are given medicines that make the stomach less acidic.

Studies found that very small babies who had these medicines got NEC more often.
This is a link, not proof that the medicine causes NEC.

If your baby is offered one of these medicines, you can ask why it is needed and
for how long.
""",
    },
    {
        "slug": "feed-advancement",
        "name": "Advancing milk feeds faster",
        "direction": "no_clear_effect",
        "clinician": """\
Faster advancement of enteral feeds is often listed as a risk factor for NEC.
The randomised evidence shows **no clear effect**.

- **Cochrane review** (Oddie 2021; 14 trials, 4,033 infants): advancing feeds
  slowly (24 mL/kg/day or less) rather than faster probably does not affect the
  risk of NEC or death (moderate certainty).
- A large later trial of faster against slower increments (SIFT, Dorling 2019)
  also found no clear difference in NEC. Its figures will appear here once we
  have confirmed the article's identifiers.

**Why is it still listed as a risk?** NEC often appears after feeds are started
or increased, so feeding is an obvious suspect, and observational comparisons
cannot separate the pace of feeding from how unwell an infant was. Randomised
trials compare similar infants, and they found no clear difference within the
range of speeds tested.
""",
        "plain": """\
Many lists of NEC risks say that increasing a baby's milk quickly raises the
risk. Large, careful trials have tested this.

The trials compared a faster and a slower daily increase in milk. About the same
number of babies got NEC in both groups. So the speed of increasing feeds,
within the range tested, probably makes little or no difference to NEC.

Why is it still on some lists? NEC often shows up after feeds start or go up, so
people suspected the feeds. But the trials, which compare similar babies, did not
find a clear link.
""",
    },
    {
        "slug": "nec-in-numbers",
        "name": "How common and how serious NEC is",
        "direction": "background",
        "clinician": """\
- **Incidence:** pooled NEC incidence among VLBW infants in NICUs was 7% (95% CI
  6 to 8%); 27 cohort studies, 574,692 infants; heterogeneity was extreme
  (I² = 100%), so rates differ widely between studies (Alsaied 2020).
- **Death after NEC:** 23.5% (18.5 to 28.8%) of infants with confirmed NEC (Bell
  stage 2a or more) in high-income countries, cohorts from 2010 to 2018 (38
  studies); 34.5% (30.1 to 39.2%) among infants who had surgery for NEC
  (systematic review, J Pediatr 2020).
""",
        "plain": """\
In studies of very small babies in intensive care, about 7 in every 100 got NEC.
The number varied a lot from one study to another.

NEC is serious. In richer countries, about 1 in 4 babies with NEC died. Among
babies who needed surgery for NEC, about 1 in 3 died.
""",
    },
]

# Every recommendation below is conditional: none rests on high or moderate
# certainty evidence about the practice itself. Their wording says so ("we
# suggest", "units may consider"); "should" is kept for strong recommendations.
# `grading_note` says, for the reader, why each has the grading it has.
RECOMMENDATIONS = [
    {
        "slug": "exclusive-human-milk-diet",
        "title": "Consider an exclusive human-milk diet",
        "summary": "We suggest that units consider feeding very preterm infants only "
        "human milk, with a human-milk-based fortifier, where they can provide it.",
        "strength": "conditional",
        "certainty": "very_low",
        "grading_note": "One randomised trial, funded by industry and reported with "
        "P values only, and pooled trials of human-milk-based fortifier rated low to "
        "very low certainty.",
        "body": """\
**What units may consider**

- Supporting mothers to provide their own milk, the usual first choice.
- When there is not enough, donor milk may be offered instead of formula, as in
  the trial below.
- A human-milk-based fortifier instead of a cow's-milk-based one.

**Why this is a suggestion, not a rule**

In one randomised trial, funded by industry, infants on an exclusive human-milk
diet had less NEC and less surgical NEC; the trial reported P values, not the
size of the effect. Pooled trials of human-milk-based fortifier suggest it may
reduce NEC, with low to very low certainty and industry-linked trials. A unit
that adopts this diet does so while the evidence is still uncertain.
""",
        "rows": [15, 16, 17],
    },
    {
        "slug": "donor-milk-access",
        "title": "Consider access to donor milk",
        "summary": "We suggest that units caring for very preterm infants consider "
        "arranging donor milk for when the mother's own milk is not enough.",
        "strength": "conditional",
        "certainty": "very_low",
        "grading_note": "The only published support here is one industry-funded "
        "trial of a whole exclusive human-milk diet, reported with P values only; "
        "it did not test donor milk on its own.",
        "body": """\
**What units may consider**

- Agreeing a supply with a milk bank, with screening and storage rules.
- Explaining donor milk to families early, in plain words, and recording consent.

**Why this is a suggestion, not a rule**

An exclusive human-milk diet needs donor milk when the mother's own milk is not
enough, and the trial that found less NEC with that diet used donor milk in this
way. That trial was funded by industry, reported P values only, and tested the
diet as a whole, so it cannot say how much donor milk alone changes the risk.
""",
        "rows": [15, 23],
    },
    {
        "slug": "standardised-feeding-protocol",
        "title": "Consider a standardised feeding protocol",
        "summary": "We suggest writing down how feeds are started and increased, and "
        "following the same plan for every infant unless there is a reason not to.",
        "strength": "conditional",
        "certainty": "moderate",
        "grading_note": "Moderate certainty that the speed of feed advancement makes "
        "no clear difference to NEC or death. The trials did not compare units with "
        "and without a written protocol.",
        "body": """\
**What units may consider**

- A written plan for starting and increasing enteral feeds.
- An increment within the range tested in trials, applied consistently.

**Why**

Randomised trials found no clear effect on NEC of advancing feeds faster (about
30 vs 18 mL/kg/day). Holding feeds back for fear of NEC is therefore not
supported by the trials. A written plan makes practice consistent and easier to
review, but the trials did not test the plan itself.
""",
        "rows": [6, 7],
    },
    {
        "slug": "antibiotic-stewardship",
        "title": "Consider antibiotic stewardship",
        "summary": "We suggest reviewing every empirical course early, and stopping "
        "antibiotics when cultures are sterile and the infant is well.",
        "strength": "conditional",
        "certainty": "low",
        "grading_note": "Observational studies only: a link between long courses and "
        "NEC, which does not prove cause.",
        "body": """\
**What units may consider**

- A review point for every empirical course.
- Stopping antibiotics when cultures are negative and there is no clinical reason
  to continue, and recording the reason when a course is extended.
- Auditing course lengths and sharing the results with the team.

**Why**

Long initial courses of empirical antibiotics are linked to a higher risk of NEC
in observational studies. An association does not prove cause, but shorter
courses avoid exposure that brings no benefit to infants without infection.
""",
        "rows": [8, 10, 11],
    },
    {
        "slug": "probiotic-policy",
        "title": "Consider a written probiotic policy",
        "summary": "We suggest that each unit decides whether and how to give "
        "probiotics to very preterm infants, and writes the decision down.",
        "strength": "conditional",
        "certainty": "low",
        "grading_note": "Low certainty for NEC, moderate for death before discharge. "
        "Professional bodies disagree about routine use.",
        "body": """\
**What units may consider**

- Which infants are eligible, which product and dose, and when to start and stop.
- A product whose quality the unit has checked.
- Explaining the decision to families in plain words.

**Why**

In very preterm or VLBW infants, probiotics may reduce NEC (low certainty) and
probably reduce death before discharge (moderate certainty). The American
Academy of Pediatrics does not support giving probiotics routinely to preterm
infants, citing conflicting data on safety and efficacy. Because the certainty
for NEC is low and these views differ, a unit may reasonably decide either way;
what matters is that the decision weighs both, is made and is written down.
""",
        "rows": [2, 3, 4],
    },
    {
        "slug": "acid-suppression-caution",
        "title": "Consider avoiding routine acid suppression",
        "summary": "We suggest giving H2 blockers and other acid-suppressing drugs to "
        "preterm infants only with a clear reason and a stop date.",
        "strength": "conditional",
        "certainty": "low",
        "grading_note": "Observational studies only: a link between H2 blockers and "
        "NEC, which does not prove cause.",
        "body": """\
**What units may consider**

- Not starting acid suppression for symptoms alone, without a clear indication.
- Reviewing every prescription and setting a stop date.

**Why**

H2-blocker use is linked to a higher risk of NEC in very low birth weight
infants in observational studies. The link does not prove cause, but it is a
reason to use these drugs only when they are needed.
""",
        "rows": [13, 14],
    },
]
