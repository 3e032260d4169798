"""What a number measures: the metric taxonomy (``taxonomy``), the metric assignment from the
words around a number (``assign``), fiscal periods (``periods``) and the tense, comparison,
target and basis cues (``cues``).
"""
