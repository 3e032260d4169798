"""Publishing a project with Datasette: metadata (descriptions, facets, canned queries) and
the command line that serves it read-only."""
