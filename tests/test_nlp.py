"""Building the pipeline (dateline.nlp) and dateline's factories in a user's own spaCy
pipeline: declared requirements, the entry points, the extensions registered once."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from spacy.language import Language

from dateline.errors import SettingsError
from dateline.extract import COMPONENT_ORDER
from dateline.nlp import assigned_by, build_nlp
from dateline.settings import Settings
from shared_paths import CACHE

# A fresh interpreter that never imports dateline: spaCy must find each factory through
# the ``spacy_factories`` entry points, and each one must run in a plain pipeline.
PLAIN_PIPELINE = """
import json, sys
from datetime import date
import spacy

nlp = spacy.load(sys.argv[1])
written = {}
for name in sys.argv[3:]:
    config = {"cache_dir": sys.argv[2]} if name == "dateline_places" else {}
    nlp.add_pipe(name, config=config)
    doc = nlp.make_doc("Iraq's prime minister met Joe Biden in Washington on Monday and "
                       "said 2,500 US troops would leave.")
    doc._.dateline_date = date(2021, 7, 26)
    doc = nlp(doc)
    attrs = nlp.get_pipe_meta(name).assigns
    written[name] = {a: type(getattr(doc._, a.split(".")[-1])).__name__ for a in attrs}
print(json.dumps({"problems": nlp.analyze_pipes()["problems"], "written": written}))
"""


@pytest.mark.slow
def test_each_factory_in_a_plain_spacy_pipeline(settings: Settings) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, "-c", PLAIN_PIPELINE, settings.model, str(CACHE), *COMPONENT_ORDER]
    out = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["problems"] == {name: [] for name in COMPONENT_ORDER} | {
        name: [] for name in result["problems"] if name not in COMPONENT_ORDER
    }
    assert list(result["written"]) == list(COMPONENT_ORDER)
    assert result["written"]["dateline_time"] == {"doc._.dateline_times": "list"}
    assert result["written"]["dateline_actors"]["doc._.dateline_actors"] == "list"
    assert result["written"]["dateline_events"] == {"doc._.dateline_events": "list"}


def test_factories_declare_what_they_need_and_write() -> None:
    assert assigned_by() == {
        "doc._.dateline_quantities": "dateline_quantities",
        "doc._.dateline_times": "dateline_time",
        "doc._.dateline_places": "dateline_places",
        "doc._.dateline_actors": "dateline_actors",
        "doc._.dateline_focus": "dateline_actors",
        "doc._.dateline_quotes": "dateline_quotes",
        "doc._.dateline_events": "dateline_events",
    }
    events = Language.get_factory_meta("dateline_events").requires
    assert {a for a in events if a.startswith("doc._.")} == {
        "doc._.dateline_quantities", "doc._.dateline_times", "doc._.dateline_places",
        "doc._.dateline_actors", "doc._.dateline_quotes",
    }  # fmt: skip


def test_missing_component_is_named(settings: Settings) -> None:
    """A subset without what a component needs is an error, not events without actors."""
    needs = "dateline_actors, dateline_places, dateline_quantities, dateline_quotes before it"
    with pytest.raises(SettingsError, match=f"dateline_events needs {needs}"):
        build_nlp(settings, components=("dateline_time", "dateline_events"))


def test_order_matters(settings: Settings) -> None:
    with pytest.raises(SettingsError, match="dateline_actors needs dateline_places before it"):
        build_nlp(settings, components=("dateline_actors", "dateline_places"))


def test_extensions_are_registered_by_importing_the_package() -> None:
    code = ("import dateline.extract; from spacy.tokens import Doc; "
            "print(all(Doc.has_extension(n) for n in ('dateline_date', 'dateline_events')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)  # fmt: skip
    assert out.stdout.strip() == "True"


def test_clear_caches_reads_the_files_again() -> None:
    from dateline.knowledge.plover import load_codebook
    from dateline.nlp import clear_caches

    first = load_codebook()
    assert load_codebook() is first
    clear_caches()
    assert load_codebook() is not first and load_codebook() == first
