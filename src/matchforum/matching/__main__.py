"""``python -m matchforum.matching``: see :mod:`matchforum.matching.cli`."""

from matchforum.matching.cli import main

raise SystemExit(main())
