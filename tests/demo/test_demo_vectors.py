"""The text vectors shipped with the demo forum: they are the model's, and they cover the demo."""

from __future__ import annotations

import io

import numpy as np
import pytest
from django.core.management import call_command

from matchforum.demo.selectors import demo_forum_get
from matchforum.demo.vectors import VECTORS_FILE, demo_vectors
from matchforum.matching.embedding import E5Embedder, SemanticTextModel, prepare, text_key
from matchforum.matching.index import profile_text
from matchforum.recommendations.mapping import forum_to_matcher
from matchforum.recommendations.vectors import DatabaseVectorStore

pytestmark = pytest.mark.django_db


def test_the_shipped_vectors_are_the_models_vectors_of_their_texts():
    with np.load(VECTORS_FILE) as data:
        keys, texts = list(data["keys"]), list(data["texts"])
    vectors = demo_vectors()
    sample = np.random.default_rng(0).choice(len(texts), size=3, replace=False)
    fresh = E5Embedder().embed([str(texts[i]) for i in sample])
    for row, i in enumerate(sample):
        assert keys[i] == text_key(prepare(str(texts[i])))
        assert float(fresh[row] @ vectors[str(keys[i])]) > 0.999


@pytest.mark.slow
def test_seeding_the_demo_leaves_no_text_to_embed(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", "--size", "small", "--seed", "1", stdout=io.StringIO())
    data = forum_to_matcher(demo_forum_get())
    model = SemanticTextModel(store=DatabaseVectorStore())
    assert model.missing(profile_text(p) for p in data.profiles) == []
