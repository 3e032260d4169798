"""Review › Next most useful (key U): selects the pending mention the core's active-learning
order puts first, opening the most useful pending transcript when needed."""

from __future__ import annotations

import pytest

from reviewer.core.learn.active import order_mentions, order_transcripts
from reviewer.core.learn.extractor import SpacyExtractor
from reviewer.core.learn.train import TrainOptions, train_model
from tests.core.demo_gold import build_demo_gold


@pytest.fixture
def project_and_model(tmp_path):
    project = build_demo_gold(tmp_path / "p.db", review=2)
    # One epoch: a poor model, but a real one with probabilities to order by.
    train_model(project, tmp_path / "model", TrainOptions(split=0.5, max_epochs=1))
    project.close()
    return tmp_path / "p.db", tmp_path / "model"


def test_next_most_useful_key_selects_the_first_of_the_order(open_window, qtbot,
                                                             project_and_model) -> None:
    from PySide6.QtCore import Qt

    from reviewer.gui.learn_actions import SETTING
    from reviewer.gui.settings import AppSettings

    db, model_dir = project_and_model
    AppSettings().q.setValue(SETTING, str(model_dir))
    w = open_window(db)
    assert "U" in [k.toString() for k in w.actions_["next_most_useful"].shortcuts()]
    before = w.controller.session.transcript_id if w.controller.session else None
    qtbot.keyClick(w.view, Qt.Key.Key_U)
    qtbot.waitUntil(lambda: w.controller.session is not None
                    and w.current_mention() is not None, timeout=20000)
    tid = w.controller.session.transcript_id
    model = SpacyExtractor({"model": str(model_dir)})
    expected = order_mentions(w.project, model, tid)
    assert expected and w.current_mention() == expected[0][0]
    assert w.controller.annotation(w.current_mention()).status == "pending"
    if before is None or not order_mentions(w.project, model, before):
        assert tid == order_transcripts(w.project, model)[0][0]
