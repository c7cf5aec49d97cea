"""The `mhkg` command line: the outer layer that drives `kg` (building) and `api` (serving)."""
