"""Waiting for a wake-up or a timeout, whichever comes first, in the background loops."""

from __future__ import annotations

import asyncio
import contextlib


async def wake_or_timeout(event: asyncio.Event, seconds: float) -> None:
    """Until `event` is set or `seconds` passed. asyncio.timeout, not wait_for: on Python
    3.11 wait_for swallows a cancellation that arrives as the event is set, and the loop
    would go on after its task was cancelled (a stop would wait for it for ever)."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await event.wait()
