"""Operations: the watchdog, health checks, Prometheus metrics and /stats figures."""
