"""Journey 6: a member takes part in a priority-setting round's ranking.

A verified member of the families group finds the rounds from the header, opens
the round open for ranking, reads its scope, ranks the shortlist, saves, sees the
confirmation and their saved order, changes it, and answers one pair in a
pairwise round. At 1280 px with JavaScript and the keyboard only (the ordered
list's Add / Move up / Remove buttons); at 375 px with JavaScript disabled in the
browser, so the numbered selects do the same work. The ballot page's own details
(focus after each button, the live region) are tested in tests/rounds.
"""

import pytest

from portal.models import StakeholderGroup as G
from tests.browser import journey_data
from tests.rounds.factories import QuestionFactory, RoundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCOPE = "Questions about how babies born early are fed, and NEC."
QUESTIONS = [
    "Does donor human milk prevent NEC when a mother's own milk is not available?",
    "How quickly can milk feeds be safely increased?",
    "Does skin-to-skin care reduce the risk of NEC?",
    "When should feeds restart after a baby has had NEC?",
]


def _rounds():
    from rounds.models import Phase, RankingMode

    ballot_round = RoundFactory(
        name="Feeding and NEC: interim ranking",
        slug="feeding-and-nec",
        scope=SCOPE,
        phase=Phase.RANKING,
        ranking_mode=RankingMode.BALLOT,
        min_choices=1,
        max_choices=3,
    )
    questions = [QuestionFactory(round=ballot_round, text=t) for t in QUESTIONS]
    pair_round = RoundFactory(
        name="Treating NEC: which matters more?",
        slug="treating-nec",
        scope="Questions about treating NEC once it is found.",
        phase=Phase.RANKING,
        ranking_mode=RankingMode.PAIRWISE,
    )
    QuestionFactory(round=pair_round, text="Which babies with NEC need surgery?")
    QuestionFactory(round=pair_round, text="How should antibiotics for NEC be chosen?")
    return ballot_round, questions, pair_round


def _saved(round_, member) -> list[int]:
    from rounds.models import Ballot

    ballot = Ballot.objects.get(round=round_, member=member)
    return list(ballot.choices.order_by("rank").values_list("question_id", flat=True))


def _focused_name(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return (e.getAttribute('aria-label') || e.innerText || '')"
        ".replace(/\\s+/g, ' ').trim(); }"
    )


def _tab_to_button(page, name: str, *, back: bool = False, limit: int = 40) -> None:
    """Tab (or Shift+Tab) until the focused control's accessible name is `name`;
    the ordering buttons share their visible word, so their aria-label decides."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if _focused_name(page) == name:
            return
    raise AssertionError(f"Tab never reached {name!r} on {page.url}")


def _arrive(j, round_) -> None:
    """Home, the header's "Priority setting", the round, its scope."""
    from playwright.sync_api import expect

    page = j.page
    j.goto("/")
    j.step("home, signed in")
    j.open_menu()
    if j.phone:
        page.get_by_role("link", name="Priority setting").click()
    else:
        # Keyboard only: skip link, then on from the header.
        j.tab_to("Priority setting")
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Priority-setting rounds")
    j.step("rounds list")
    if j.phone:
        page.get_by_role("link", name=round_.name).click()
    else:
        j.tab_to(round_.name)
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(round_.name)
    expect(page.get_by_text(SCOPE)).to_be_visible()
    expect(page.get_by_role("heading", name="The shortlist")).to_be_visible()
    j.step("round scope and shortlist")


def _pairwise(j, pair_round, member) -> None:
    """One answer in a pairwise round, from the rounds list."""
    from playwright.sync_api import expect

    from rounds.models import PairwiseVote

    page = j.page
    j.goto("/rounds/")
    page.get_by_role("link", name=pair_round.name).click()
    page.get_by_role("link", name="Compare questions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Which of these two matters more to you?"
    )
    j.step("pairwise")
    choices = page.locator("button.pair-choice")
    picked = choices.first.inner_text().strip()
    choices.first.click()
    expect(page.get_by_text("You have compared every pair. Thank you!")).to_be_visible()
    j.step("pairwise done")
    vote = PairwiseVote.objects.get(round=pair_round, member=member)
    winner = vote.first if vote.choice == "first" else vote.second
    assert winner.text == picked


def test_member_ranks_with_the_keyboard_at_1280(journey, browser_sign_in):
    from playwright.sync_api import expect

    ballot_round, qs, pair_round = _rounds()
    member = journey_data.member(G.FAMILY, display_name="Nadia")
    j = journey("rounds", 1280)
    page = j.page
    browser_sign_in(page, member)
    _arrive(j, ballot_round)

    j.tab_to("Rank the shortlist")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your ranking")
    expect(page.locator("#ballot-selects")).to_be_hidden()
    j.step("ballot, nothing chosen")

    # Keyboard only: add three questions, then move the third to the top.
    _tab_to_button(page, f"Add: {qs[1].text}")
    page.keyboard.press("Enter")
    _tab_to_button(page, f"Add: {qs[0].text}")
    page.keyboard.press("Enter")
    _tab_to_button(page, f"Add: {qs[3].text}")
    page.keyboard.press("Enter")
    # Focus is on the new entry's Remove button; its Move up is just before it.
    _tab_to_button(page, f"Move up: {qs[3].text}", back=True)
    page.keyboard.press("Enter")
    expect(page.locator("#ballot-status")).to_contain_text("Now number 2")
    # Focus stays on its Move up button: once more to the top.
    assert _focused_name(page) == f"Move up: {qs[3].text}"
    page.keyboard.press("Enter")
    expect(page.locator("#ballot-status")).to_contain_text("Now number 1")
    chosen = page.locator("#ballot-chosen .ballot-text")
    expect(chosen).to_have_text([qs[3].text, qs[1].text, qs[0].text])
    # The list is full: the last question cannot be added.
    expect(page.get_by_role("button", name=f"Add: {qs[2].text}")).to_be_disabled()
    j.step("ballot, three ordered")
    j.tab_to("Save my ranking")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your ranking is saved")).to_be_visible()
    expect(chosen).to_have_text([qs[3].text, qs[1].text, qs[0].text])
    j.step("ranking saved")
    assert _saved(ballot_round, member) == [qs[3].pk, qs[1].pk, qs[0].pk]

    # Change it: drop the first choice, add the last question, save again.
    page.get_by_role("button", name=f"Remove: {qs[3].text}").focus()
    page.keyboard.press("Enter")
    _tab_to_button(page, f"Add: {qs[2].text}")
    page.keyboard.press("Enter")
    expect(chosen).to_have_text([qs[1].text, qs[0].text, qs[2].text])
    j.step("ranking changed")
    page.get_by_role("button", name="Save my ranking").click()
    expect(page.get_by_text("Your ranking is saved")).to_be_visible()
    expect(chosen).to_have_text([qs[1].text, qs[0].text, qs[2].text])
    assert _saved(ballot_round, member) == [qs[1].pk, qs[0].pk, qs[2].pk]

    page.get_by_role("link", name=f"← {ballot_round.name}").click()
    expect(page.get_by_role("link", name="Change your ranking")).to_be_visible()
    j.step("round, ranking given")

    _pairwise(j, pair_round, member)


def test_member_ranks_without_javascript_at_375(journey, browser_sign_in):
    from playwright.sync_api import expect

    ballot_round, qs, pair_round = _rounds()
    member = journey_data.member(G.FAMILY, display_name="Nadia")
    j = journey("rounds-nojs", 375, javascript=False)
    page = j.page
    browser_sign_in(page, member)
    _arrive(j, ballot_round)

    page.get_by_role("link", name="Rank the shortlist").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your ranking")
    # Without JavaScript the numbered selects are the form.
    expect(page.get_by_label("Choice 1")).to_be_visible()
    expect(page.locator("#ballot-enhanced")).to_be_hidden()
    j.step("ballot, nothing chosen")

    page.get_by_label("Choice 1").select_option(label=qs[2].text)
    page.get_by_label("Choice 2").select_option(label=qs[0].text)
    j.step("ballot, two chosen")
    page.get_by_role("button", name="Save my ranking").click()
    expect(page.get_by_text("Your ranking is saved")).to_be_visible()
    # The saved order is shown in the selects.
    expect(page.get_by_label("Choice 1")).to_have_value(str(qs[2].pk))
    expect(page.get_by_label("Choice 2")).to_have_value(str(qs[0].pk))
    expect(page.get_by_label("Choice 3")).to_have_value("")
    j.step("ranking saved")
    assert _saved(ballot_round, member) == [qs[2].pk, qs[0].pk]

    # A mistake first: the same question twice is refused, nothing changes.
    page.get_by_label("Choice 3").select_option(label=qs[2].text)
    page.get_by_role("button", name="Save my ranking").click()
    expect(page.get_by_text("You chose this question already")).to_be_visible()
    # The refused form comes back with status 400 by design; chromium logs that.
    assert j.errors == [
        "Failed to load resource: the server responded with a status of 400 "
        "(Bad Request)"
    ]
    j.errors.clear()
    j.step("same question twice refused")
    assert _saved(ballot_round, member) == [qs[2].pk, qs[0].pk]

    # Then the change: three questions in a new order.
    page.get_by_label("Choice 1").select_option(label=qs[1].text)
    page.get_by_label("Choice 2").select_option(label=qs[2].text)
    page.get_by_label("Choice 3").select_option(label=qs[3].text)
    page.get_by_role("button", name="Save my ranking").click()
    expect(page.get_by_text("Your ranking is saved")).to_be_visible()
    expect(page.get_by_label("Choice 1")).to_have_value(str(qs[1].pk))
    j.step("ranking changed")
    assert _saved(ballot_round, member) == [qs[1].pk, qs[2].pk, qs[3].pk]

    _pairwise(j, pair_round, member)
