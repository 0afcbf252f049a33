"""The permission that lets staff run a round (create it, move its phases,
verify, import, exclude, record the workshop, read every export)."""

CHANGE_PERM = "rounds.change_round"
