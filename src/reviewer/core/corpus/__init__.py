"""Corpus runs: an extractor over transcript files or JSONL shards, outside any project, with
predictions written as JSONL shards (a process pool, or Ray Data as the optional extra)."""
