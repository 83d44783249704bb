"""Train dateline's event classifier from ../shared/eval/dev into the package.

Same as ``python -m dateline.extract.eventcoding.train``; see that module for options.
"""

from __future__ import annotations

from dateline.extract.eventcoding.train import main

if __name__ == "__main__":
    raise SystemExit(main())
