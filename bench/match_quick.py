"""Scratch: quality of the engine on a synthetic forum."""
import sys
import time

from matchforum.matching import MatchIndex
from matchforum.matching.evaluation import evaluate
from matchforum.matching.synthetic import generate_forum

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
sf = generate_forum(n, seed=1)
t = time.time()
idx = MatchIndex.build(sf.forum)
print("build", time.time() - t)
lists = {a: [r.counterpart_id for r in rs] for a, rs in idx.recommend_all().items()}
print(evaluate(lists, sf.partners, [o.id for o in sf.forum.organisations]))
