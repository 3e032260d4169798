"""Export of the labelled dataset (JSONL, spaCy DocBin, CSV, CoNLL) and import of JSONL gold.

``records`` turns a transcript with its review state into the documented JSONL record (see
docs/evaluation.md) and back; every other format is written from those records.
"""
