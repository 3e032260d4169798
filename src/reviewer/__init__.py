"""Transcript Reviewer: gold-standard datasets of financial metrics in earnings-call transcripts."""

__version__ = "0.1.0"
