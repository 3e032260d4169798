"""The HTML report rendered by a real browser (headless Chromium): the verdict is on the
page, charts take the page's width, spans and figures do not wrap, nothing overflows.

A measuring script is appended to a copy of the page (the report itself has none) and the
browser's DOM after layout is read back; a screenshot is taken too (look at it:
``REPORT_SCREENSHOT=path pytest tests/core/test_report_browser.py``)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reviewer.core.evaluate.render_html import render_html
from reviewer.core.evaluate.report import System, evaluate, system_from_run
from reviewer.core.model import text_hash
from reviewer.core.store import open_project
from reviewer.core.store.gold import iter_transcripts
from reviewer.core.store.gold_records import MentionRecord
from tests.core.test_evaluate_helpers import TEXT, add_doc, add_run, annotate, mark_reviewed
from tests.core.test_evaluate_report import GOLD, RUN_A

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
MEASURE = """<script>
const W = document.body.clientWidth - 32;
const out = {viewport: window.innerWidth, scroll: document.documentElement.scrollWidth,
  charts: [...document.querySelectorAll('svg.chart')].map(s => s.getBoundingClientRect().width),
  tables: [...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().width),
  content: W, spans: [], verdict: document.querySelector('ul.verdicts')?.innerText || ''};
// How many lines a cell's text takes: one client rect per line box of its text.
function lines(el) { const r = document.createRange(); r.selectNodeContents(el);
  return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }
for (const td of document.querySelectorAll('td')) {
  if (/^\\d+\\u2013\\d+$/.test(td.innerText) || /%$/.test(td.innerText))
    out.spans.push([td.innerText, lines(td)]);
}
const pre = document.createElement('pre'); pre.id = 'measure';
pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
</script>"""


def demo_report(n: int = 12, resamples: int = 300) -> dict:
    """Two runs over n calls that differ from call to call, and a span-only outside system;
    the gold was pre-annotated from run 1."""
    p = open_project(memory=True)
    tids = []
    for i in range(n):
        tid = add_doc(p, TEXT.replace("Altamira", f"Altamir{i % 10}" if i < 10 else
                                      f"Altami{i:02d}"), f"call{i:02d}.txt")
        annotate(p, tid, GOLD)
        mark_reviewed(p, tid)
        tids.append(tid)
    add_run(p, {t: RUN_A[: 4 + i % 4] for i, t in enumerate(tids)}, name="rules", version="1.0")
    add_run(p, {t: GOLD[: 3 + i % 4] for i, t in enumerate(tids)}, name="rules", version="2.0")
    with p.db.conn:
        p.db.conn.execute(
            "UPDATE annotations SET prediction_id = (SELECT id FROM predictions q WHERE"
            " q.run_id = 1 AND q.transcript_id = annotations.transcript_id AND q.start ="
            " annotations.start AND q.\"end\" = annotations.\"end\")")
    q = System("spans-only 0.1 (spans.jsonl)", "file spans.jsonl", covered=set())
    for d in iter_transcripts(p):
        q.covered.add(d.hash)
        q.mentions[d.hash] = [MentionRecord(**{**m, "metric": None}) for m in GOLD[:4]]
    systems = [system_from_run(p, 1), system_from_run(p, 2), q]
    rep = evaluate(iter_transcripts(p), systems, resamples=resamples)
    assert text_hash(TEXT)  # the fixture text is the shared one
    p.close()
    return rep


def _chromium(*args: str, width: int = 1280) -> subprocess.CompletedProcess:
    return subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu",
                           "--hide-scrollbars", f"--window-size={width},2400", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def _measure(probe: Path, width: int) -> dict:
    dom = _chromium("--dump-dom", probe.as_uri(), width=width)
    found = re.search(r'<pre id="measure">(.*?)</pre>', dom.stdout, re.S)
    assert found, dom.stderr[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


@pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed "
                    "(scripts/system-deps.sh installs it)")
def test_the_report_in_a_real_browser(tmp_path: Path) -> None:
    page = render_html(demo_report(), title="Extractor evaluation (demo)")
    html = tmp_path / "report.html"
    html.write_text(page, encoding="utf-8")
    probe = tmp_path / "probe.html"
    probe.write_text(page.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    m = _measure(probe, 1280)
    assert "points of strict F1 over the baseline rules 1.0 (run 1)" in m["verdict"]
    assert "spans-only 0.1 (spans.jsonl) finds" in m["verdict"]
    # Nothing wider than the window; every chart spans the content width (within 2%).
    assert m["scroll"] <= m["viewport"]
    assert m["charts"] and min(m["charts"]) >= 0.98 * m["content"]
    assert max(m["tables"]) <= m["content"] + 1  # no table sticks out of the page
    # Spans ("123–137") and rates ("61.5%") sit on one line, even in a narrow window.
    for w in (1280, 700):
        spans = (m if w == 1280 else _measure(probe, w))["spans"]
        assert spans and {n for _t, n in spans} == {1}, [s for s in spans if s[1] != 1][:5]
    shot = Path(os.environ.get("REPORT_SCREENSHOT") or tmp_path / "report.png")
    done = _chromium(f"--screenshot={shot}", html.as_uri())
    assert shot.is_file() and shot.stat().st_size > 20_000, done.stderr[-2000:]
