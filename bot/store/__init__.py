"""The storage layer: every SQL statement of newsbot lives in this package."""
