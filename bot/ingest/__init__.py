"""Getting stories in: fetching feeds, parsing feeds and JSON Lines, and tagging topics."""
