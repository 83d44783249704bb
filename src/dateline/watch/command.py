"""``dateline watch`` behind the CLI: options checked, store opened, the loop run,
alert rules evaluated after every cycle that stored something."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import DatelineError
from dateline.settings import Settings
from dateline.store import Store
from dateline.watch.cycle import CycleReport, WatchConfig, Watcher, parse_duration
from dateline.watch.fetch import Limits
from dateline.watch.loop import run


class WatchError(DatelineError):
    """A watch option is invalid."""


@dataclass(frozen=True, slots=True)
class WatchOptions:
    """The command's options, as given."""

    sources: tuple[str, ...]
    every: str = "15m"
    once: bool = False
    settle: str = "2s"
    timeout: str = "30s"
    max_bytes: int = 5_000_000
    retry_after: str = "60s"
    rules: Path | None = None
    notify_command: str | None = None
    webhook: str | None = None


def seconds(name: str, text: str) -> float:
    """A duration option in seconds; a :class:`WatchError` naming the option."""
    try:
        return parse_duration(text)
    except ValueError as exc:
        raise WatchError(f"--{name.replace('_', '-')}: {exc}") from None


def config_of(options: WatchOptions) -> WatchConfig:
    """The watcher's configuration from the command's options."""
    if options.max_bytes < 1:
        raise WatchError("--max-bytes: expected a positive number of bytes")
    limits = Limits(options.max_bytes, seconds("timeout", options.timeout))
    return WatchConfig(options.sources, seconds("settle", options.settle), limits,
                       seconds("retry_after", options.retry_after))  # fmt: skip


def watch_forever(options: WatchOptions, settings: Settings, report: Callable[[str], None]) -> None:
    """Run the watcher until interrupted (or one cycle with ``once``)."""
    config = config_of(options)
    every = seconds("every", options.every)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    with Store.open(settings.db_url) as store:
        alerts = _alert_hook(options, store)
        try:
            run(Watcher(config, settings, store), every, options.once, report, alerts)
        except KeyboardInterrupt:
            report("watch: stopped")


def _alert_hook(options: WatchOptions, store: Store) -> Callable[[CycleReport], None] | None:
    """After each cycle: evaluate the rules (when the cycle stored articles, or on the
    first cycle) and deliver firings not yet delivered."""
    if options.rules is None:
        return None
    from dateline.alerts import Delivery, load_rules
    from dateline.alerts.run import evaluate_and_deliver

    rules = load_rules(options.rules)
    delivery = Delivery(options.notify_command, options.webhook)

    def after(result: CycleReport) -> None:
        if result.ingest.inserted or result.number == 1:
            result.alerts = len(evaluate_and_deliver(store, rules, delivery))
        else:
            evaluate_and_deliver(store, [], delivery)  # retry failed deliveries only

    return after
