"""Scoring extractors against the gold, and agreement between reviewers.

Pure Python (no Qt): ``matching`` pairs mentions one-to-one, ``values`` compares what matched
mentions say, ``speakers`` scores speaker labels, ``scoring`` adds it all up per transcript and
``report`` builds the evaluation report that ``render_text`` / ``render_html`` display.
"""
