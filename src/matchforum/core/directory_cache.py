"""The generation of the shared directory answers (organisations, offers and needs).

Most callers of the directory see exactly the same rows: every approved, listed
organisation and its published offers and needs. Their list and search answers are
therefore kept in the cache and shared (api/directory.py). Each stored answer is filed
under the directory's current *generation*; any change to an organisation, a profile, a
delegate seat or a capability track starts a new generation (core/directory_signals.py),
so the next read builds a fresh answer. A generation is a random token, never a counter:
if the cache drops the key, a new token is drawn and no old answer can come back.

With the default per-process cache, a change made in one server process reaches the
others' caches within DIRECTORY_CACHE_SECONDS; with a shared cache (CACHE_URL), at once.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache

GENERATION_KEY = "matchforum:directory:generation"


def directory_generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = secrets.token_hex(8)
        # add, not set: two processes drawing at once agree on whichever came first.
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY) or generation
    return generation


def directory_changed() -> None:
    """Start a new generation: every stored directory answer is stale from now on."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
