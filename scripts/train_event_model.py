"""Train dateline's event classifier from ../shared/eval/dev into the package.

Same as ``python -m dateline.training.event_classifier``; see that module for options.
"""

from __future__ import annotations

from dateline.training.event_classifier import main

if __name__ == "__main__":
    raise SystemExit(main())
