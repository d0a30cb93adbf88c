"""Prometheus metrics (served at /metrics by bot.ops.server)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry()

SENT = Counter(
    "newsbot_messages_sent", "Messages Telegram accepted, by kind", ["kind"], registry=REGISTRY
)
FAILED = Counter(
    "newsbot_messages_failed", "Messages given up, by kind", ["kind"], registry=REGISTRY
)
RATE_LIMITED = Counter(
    "newsbot_rate_limited", "429 answers from Telegram", ["scope"], registry=REGISTRY
)
BACKLOG = Gauge("newsbot_outbox_backlog", "Outbox rows waiting to be sent", registry=REGISTRY)
OLDEST = Gauge(
    "newsbot_outbox_oldest_age_seconds", "Age of the oldest waiting outbox row", registry=REGISTRY
)
FETCHES = Counter(
    "newsbot_fetches", "Feed fetches by source and result", ["source", "result"], registry=REGISTRY
)
LATENCY = Histogram(
    "newsbot_delivery_latency_seconds",
    "From a story's arrival in the store to its delivery",
    ["kind"],
    buckets=(0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200),
    registry=REGISTRY,
)
