"""Fixtures borrowed from the apps whose pages these tests visit."""

from tests.priorities.conftest import topic  # noqa: F401
from tests.research.conftest import draft, editor, published, reviewer  # noqa: F401
