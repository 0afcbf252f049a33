"""Evidence: factors that raise or lower the risk of NEC, their summaries, findings
(GRADE), citations, the editorial workflow with versions, forest plots and NICU
practice recommendations.

Public surface for other apps: `research.models.Factor` (priorities cite factors)
and `research.demo` (the priorities demo data links to it). See docs/research.md.
"""
