import pytest


@pytest.fixture(autouse=True)
def many_users(fast_hashing):
    """These tests build many users."""
