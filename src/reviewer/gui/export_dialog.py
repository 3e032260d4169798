"""File › Export…: the labelled dataset in a format, reviewed transcripts only or all, to a
file — the same export (and the same messages) as ``reviewer export``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
)

FORMATS = {"jsonl": ("JSON lines", ".jsonl"), "spacy": ("spaCy DocBin", ".spacy"),
           "csv": ("CSV", ".csv"), "conll": ("CoNLL", ".conll")}


def export_message(result) -> str:
    """What ``reviewer export`` prints: warnings, then the one-line summary."""
    lines = [f"warning: {w}" for w in result.warnings]
    lines.append(f"exported {result.transcripts} transcript(s), {result.mentions} mention(s) "
                 f"as {result.format} to {result.path}")
    return "\n".join(lines)


class ExportDialog(QDialog):
    """Format, which transcripts, where."""

    def __init__(self, project_path: Path | None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export the dataset")
        self.format = QComboBox()
        for key, (label, _ext) in FORMATS.items():
            self.format.addItem(f"{label} ({key})", key)
        self.reviewed = QRadioButton("&Reviewed transcripts only (the gold)")
        self.all = QRadioButton("&All transcripts (pending mentions marked pending)")
        self.reviewed.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.reviewed)
        group.addButton(self.all)
        base = (project_path.with_suffix("") if project_path else Path.home() / "dataset")
        self.path = QLineEdit(str(base) + ".jsonl")
        self.path.setMinimumWidth(380)
        browse = QPushButton("Browse\u2026")
        browse.clicked.connect(self._browse)
        self.format.currentIndexChanged.connect(self._suffix)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout(self)
        form.addRow("Format", self.format)
        form.addRow("Transcripts", self.reviewed)
        form.addRow("", self.all)
        form.addRow("Save to", where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choice(self) -> tuple[str, Path, bool]:
        """(format, output path, include every transcript)."""
        return self.format.currentData(), Path(self.path.text()).expanduser(), \
            self.all.isChecked()

    def _suffix(self, _i: int) -> None:
        p = Path(self.path.text())
        self.path.setText(str(p.with_suffix(FORMATS[self.format.currentData()][1])))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text())
        if path:
            self.path.setText(path)
