"""Priority-setting rounds: the James Lind Alliance and CHNRI methods.

A round moves through phases (gathering, verifying, ranking, expert scoring,
workshop, published). Members' suggestions become indicative questions, a
shortlist is ranked by ballots (JLA points) or pairwise votes (Bradley-Terry),
optionally scored by experts (CHNRI), and a workshop agrees the Top 10.

Public surface for other apps: `rounds.public.participation_by_phase` (the
reports app's rounds report). Rounds reads
`priorities.models` and calls `priorities.services.priority_submit`,
`priorities.similarity.clusters`, `portal.mail` and `discussion.public.notify`.
Pure scoring lives in `rounds/scoring.py`. See docs/rounds.md.
"""
