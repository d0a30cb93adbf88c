"""From stored stories to messages: poller, router, sender and the rate limiter."""
