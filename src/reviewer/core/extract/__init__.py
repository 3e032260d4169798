"""The metric extractor: number grammar, metric lexicon, periods, speaker and translation checks."""
