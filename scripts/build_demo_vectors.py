#!/usr/bin/env python3
"""Compute the text vectors of the small demo forum and write src/matchforum/demo/demo-vectors.npz.

Run after the demo's phrases or the embedding model change (a test fails when the shipped
vectors no longer cover the demo's texts):

    .venv/bin/python scripts/build_demo_vectors.py [--parts 2]

It seeds the demo forum into a throw-away database, embeds every distinct profile text through
the file cache var/demo-vectors.sqlite (so an interrupted run resumes), in ``--parts``
processes, and writes keys, texts and float16 vectors.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "demo-vectors.sqlite"
OUT = ROOT / "src" / "matchforum" / "demo" / "demo-vectors.npz"


def demo_texts() -> list[str]:
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "MATCHFORUM_VAR_DIR": var, "DEBUG": "true"}
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
        subprocess.run(
            [*manage, "seed_demo", "--size", "small", "--seed", "1"], env=env, check=True
        )
        code = (
            "import json; from matchforum.forums.models import Forum;"
            "from matchforum.recommendations.mapping import forum_to_matcher;"
            "from matchforum.matching.index import profile_text;"
            "from matchforum.matching.embedding import prepare;"
            "d = forum_to_matcher(Forum.objects.get());"
            "print(json.dumps(sorted({prepare(profile_text(p)) for p in d.profiles})))"
        )
        out = subprocess.run(
            [*manage, "shell", "-c", code], env=env, check=True, capture_output=True, text=True
        )
        return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parts", type=int, default=2, help="processes (one per core)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    import numpy as np

    from matchforum.matching.embedding import SemanticTextModel, SqliteVectorStore, text_key

    texts = demo_texts()
    store = SqliteVectorStore(str(CACHE))
    # the model embeds what the cache lacks, one process per part, saving batch by batch
    SemanticTextModel(store=store, processes=args.parts).raw(texts)
    keys = [text_key(t) for t in texts]
    found = store.get_many(keys)
    missing = [t for t, k in zip(texts, keys, strict=True) if k not in found]
    if missing:
        print(f"{len(missing)} texts have no vector", file=sys.stderr)
        return 1
    np.savez_compressed(
        OUT,
        keys=np.array(keys),
        texts=np.array(texts),
        vectors=np.stack([found[k] for k in keys]).astype(np.float16),
    )
    print(f"{len(texts)} vectors written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
