"""Learning from the gold: training a spaCy pipeline on the reviewed transcripts (``train``),
the trained pipeline as an extractor (``extractor``: ``spacy:MODEL_DIR`` and
``combined:MODEL_DIR``), and the active-learning order of pending work (``active``)."""
