"""Fixing speakers: the current turn (its label, speaker, the extractor's suggestion) and the
roster of the call (add, rename, merge, set role). Every change is a core command."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.model import ROLES
from reviewer.core.review import (
    AcceptSuggestion,
    AddParticipant,
    MergeParticipants,
    RelabelAll,
    RenameParticipant,
    SetRole,
    SetSpeaker,
)
from reviewer.gui.controller import ReviewController

NO_PARENT = QModelIndex()  # the invisible root of a flat model

SECTION_NAMES = {"prepared": "prepared remarks", "qa": "questions and answers"}


class RosterModel(QAbstractTableModel):
    """The participants of the call; name and role are edited in place (rename / set role)."""

    COLS = ("Name", "Role", "Firm / title", "Turns")

    def __init__(self, controller: ReviewController, parent=None) -> None:
        super().__init__(parent)
        self.c = controller
        self.turn_counts: Counter[str | None] = Counter()
        for sig in (controller.transcriptOpened, controller.rosterChanged,
                    controller.speakersChanged):
            sig.connect(self._reset)

    def _reset(self) -> None:
        self.beginResetModel()
        self.turn_counts = Counter(t.current_speaker for t in self.c.turns)
        self.endResetModel()

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.c.roster)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.COLS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLS[section]
        return None

    def flags(self, index):
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return f | Qt.ItemFlag.ItemIsEditable if index.column() in (0, 1) else f

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.EditRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        p = self.c.roster[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Also written: " + ", ".join(p.aliases) if p.aliases else None
        col = index.column()
        if col == 3:
            return str(self.turn_counts.get(p.name, 0))
        return (p.name, p.role, p.affiliation or "")[col]

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        p = self.c.roster[index.row()]
        value = str(value).strip()
        if index.column() == 0 and value and value != p.name:
            return self.c.do(RenameParticipant(p.name, value)) is not None
        if index.column() == 1 and value and value != p.role:
            return self.c.do(SetRole(p.name, value)) is not None
        return False


class RoleDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        if index.column() != 1:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        box.addItems(list(ROLES))
        return box

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        else:
            super().setModelData(editor, model, index)


class AddParticipantDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a participant")
        self.name = QLineEdit()
        self.role = QComboBox()
        self.role.addItems(list(ROLES))
        self.role.setCurrentText("analyst")
        self.affiliation = QLineEdit()
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Role", self.role)
        form.addRow("Firm / title", self.affiliation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class SpeakersPanel(QWidget):
    """The current turn's speaker and the roster."""

    def __init__(self, controller: ReviewController, parent=None) -> None:
        super().__init__(parent)
        self.c = controller
        self.turn_idx = -1
        box = QGroupBox("Current turn")
        self.title = QLabel("No turn")
        self.title.setObjectName("turnTitle")
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setObjectName("suggestionLabel")
        self.accept_sug = QPushButton("Accept suggestion (S)")
        self.accept_sug.clicked.connect(self.accept_suggestion)
        self.speaker = QComboBox()
        self.speaker.setObjectName("speakerCombo")
        self.set_one = QPushButton("This turn")
        self.set_one.clicked.connect(lambda: self.set_speaker(self.chosen_name()))
        self.set_all = QPushButton("Every turn with this label")
        self.set_all.setObjectName("relabelAll")
        self.set_all.clicked.connect(lambda: self.preview_relabel(self.chosen_name()))
        # Editable: typing completes a roster name (and, as text input, never triggers the
        # window's one-letter review keys).
        self.speaker.setEditable(True)
        self.speaker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.speaker.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.speaker.installEventFilter(self)
        self.speaker.lineEdit().installEventFilter(self)
        self.speaker.setToolTip("Type to pick a name; Enter: this turn; Shift+Enter: every "
                                "turn with this label (the turns are shown first)")
        form = QFormLayout(box)
        form.addRow(self.title)
        form.addRow(self.who)
        form.addRow(self.suggestion)
        form.addRow(self.accept_sug)
        form.addRow("Speaker", self.speaker)
        # One button a row: the panel stays narrow, so the text keeps the width.
        form.addRow(self.set_one)
        form.addRow(self.set_all)
        self.roster_model = RosterModel(controller, self)
        self.roster = QTableView()
        self.roster.setObjectName("rosterTable")
        self.roster.setModel(self.roster_model)
        self.roster.setItemDelegate(RoleDelegate(self.roster))
        self.roster.verticalHeader().hide()
        self.roster.verticalHeader().setDefaultSectionSize(
            self.roster.fontMetrics().height() + 8)
        self.roster.setAlternatingRowColors(True)
        self.roster.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        head = self.roster.horizontalHeader()
        head.setTextElideMode(Qt.TextElideMode.ElideRight)  # "Firm…" in a narrow panel
        self.roster.setTextElideMode(Qt.TextElideMode.ElideRight)
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.roster.setWordWrap(False)
        self.roster.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                    | QAbstractItemView.EditTrigger.EditKeyPressed)
        add = QPushButton("Add\u2026")
        add.clicked.connect(self._add_dialog)
        merge = QPushButton("Merge into\u2026")
        merge.clicked.connect(self._merge_dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(merge)
        buttons.addStretch(1)
        roster_box = QGroupBox("Roster of the call")
        roster_box.setToolTip("Double-click a name or role to change it")
        rl = QVBoxLayout(roster_box)
        rl.addWidget(self.roster)
        rl.addLayout(buttons)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(box)
        lay.addWidget(roster_box, 1)
        for sig in (controller.transcriptOpened, controller.speakersChanged,
                    controller.rosterChanged):
            sig.connect(self.refresh)

    def show_turn(self, idx: int) -> None:
        self.turn_idx = idx
        self.refresh()

    def refresh(self) -> None:
        names = [p.name for p in self.c.roster]
        keep = self.speaker.currentText()
        self.speaker.blockSignals(True)
        self.speaker.clear()
        self.speaker.addItems(names)
        t = self.c.turn(self.turn_idx)
        if t is None:
            self.title.setText("No turn: click in the text")
            for w in (self.who, self.suggestion):
                w.clear()
            self.accept_sug.setEnabled(False)
            self.speaker.blockSignals(False)
            return
        current = t.current_speaker
        self.speaker.setCurrentText(current if current in names else keep)
        self.speaker.blockSignals(False)
        section = SECTION_NAMES.get(t.section, "no section")
        self.title.setText(f"<b>Turn {t.idx}</b> \u00b7 {section}")
        status = {"corrected": " \u2014 corrected", "confirmed": " \u2014 confirmed"}.get(
            t.speaker_status or "", "")
        same = sum(1 for u in self.c.turns if u.label == t.label)
        self.who.setText(f"Label as written: <b>{t.label or '(none)'}</b> ({same} turn"
                         f"{'s' if same != 1 else ''})<br>Speaker: <b>{current or '?'}</b>"
                         f" ({t.current_role}){status}")
        sug = self.c.suggestions.get(t.idx)
        if sug is None:
            self.suggestion.setText("The extractor made no suggestion for this turn.")
            self.accept_sug.setEnabled(False)
        elif sug.suggested != current:
            self.suggestion.setText(f"Suggested: <b>{sug.suggested}</b> \u2014 "
                                    f"{sug.reason or 'no reason given'}")
            self.accept_sug.setText("Accept suggestion (S)")
            self.accept_sug.setEnabled(True)
        else:
            lead = "Suggestion taken" if t.speaker_status else "The extractor agrees"
            self.suggestion.setText(f"{lead}: {sug.reason or sug.suggested}")
            self.accept_sug.setText("Confirm this speaker (S)")
            self.accept_sug.setEnabled(t.speaker_status is None)
        self.set_all.setText(f"Every turn labelled \u201c{t.label}\u201d ({same})")

    # -- actions ----------------------------------------------------------------------------

    def set_speaker(self, name: str) -> bool:
        if self.turn_idx < 0 or not name:
            return False
        return self.c.do(SetSpeaker(self.turn_idx, name)) is not None

    def eventFilter(self, obj, event) -> bool:
        if obj in (self.speaker, self.speaker.lineEdit()) and \
                event.type() == event.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            name = self.chosen_name()
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.preview_relabel(name)
            else:
                self.set_speaker(name)
            return True
        return super().eventFilter(obj, event)

    def chosen_name(self) -> str:
        """The roster name in the speaker box (typed in any case: "marcus oyelaran")."""
        text = self.speaker.currentText().strip()
        i = self.speaker.findText(text, Qt.MatchFlag.MatchFixedString)
        return self.speaker.itemText(i) if i >= 0 else text

    def turns_labelled(self, label: str | None) -> list:
        return [t for t in self.c.turns if t.label == label]

    def preview_relabel(self, name: str) -> QMessageBox | None:
        """Show the turns "every turn labelled X" will change; Enter applies, Esc cancels."""
        t = self.c.turn(self.turn_idx)
        if t is None or not name or t.label is None:
            return None
        turns = self.turns_labelled(t.label)
        text = self.c.session.text if self.c.session is not None else ""
        lines = [f"turn {u.idx}: {u.current_speaker or '?'} \u2192 {name} \u2014 "
                 f"\u201c{' '.join(text[u.start:u.end].split())[:70]}\u2026\u201d"
                 for u in turns[:15]]
        if len(turns) > 15:
            lines.append(f"\u2026 and {len(turns) - 15} more")
        box = QMessageBox(QMessageBox.Icon.Question, "Every turn with this label",
                          f"Set the speaker of the {len(turns)} turn(s) labelled "
                          f"\u201c{t.label}\u201d to {name}?",
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("relabelPreview")
        box.setInformativeText("\n".join(lines))
        ok = box.addButton(f"Relabel {len(turns)} turn(s)", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(ok)
        box.buttonClicked.connect(lambda b: b is ok and self.relabel_all(name))
        box.finished.connect(lambda _r: self.speaker.setFocus())
        self.preview = box
        box.open()
        return box

    def relabel_all(self, name: str) -> bool:
        t = self.c.turn(self.turn_idx)
        if t is None or not name or t.label is None:
            return False
        return self.c.do(RelabelAll(t.label, name)) is not None

    def accept_suggestion(self) -> bool:
        if self.turn_idx < 0:
            return False
        return self.c.do(AcceptSuggestion(self.turn_idx)) is not None

    def add_participant(self, name: str, role: str, affiliation: str | None = None) -> bool:
        return self.c.do(AddParticipant(name, role, affiliation)) is not None

    def merge(self, source: str, target: str) -> bool:
        return self.c.do(MergeParticipants(source, target)) is not None

    def _add_dialog(self) -> None:
        dlg = AddParticipantDialog(self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.add_participant(dlg.name.text(), dlg.role.currentText(),
                                 dlg.affiliation.text() or None)

    def _merge_dialog(self) -> None:
        idx = self.roster.currentIndex()
        if not idx.isValid():
            self.c.notice.emit("Select the participant to merge in the roster first")
            return
        source = self.c.roster[idx.row()].name
        others = [p.name for p in self.c.roster if p.name != source]
        target, ok = QInputDialog.getItem(self, "Merge participants",
                                          f"{source} is the same person as:", others, 0, False)
        if ok and target:
            self.merge(source, target)
