"""The embedded mode's layer sweeps expired messages, but not on every event."""

import pytest

from portal.layers import SweepingInMemoryChannelLayer


@pytest.mark.asyncio
async def test_expired_messages_are_swept_once_a_second_at_most(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("portal.layers.time.monotonic", lambda: clock[0])
    monkeypatch.setattr("channels.layers.time.time", lambda: clock[0])
    layer = SweepingInMemoryChannelLayer(expiry=0.5)
    await layer.group_add("company.1", "page.one")
    await layer.send("page.one", {"type": "queue.changed"})

    clock[0] += 1  # the page never read it: expired
    await layer.group_send("company.2", {"type": "queue.changed"})
    assert "page.one" not in layer.channels  # swept: expired message dropped
    assert "page.one" not in layer.groups["company.1"]  # and its page left the group

    await layer.group_add("company.1", "page.two")
    await layer.send("page.two", {"type": "queue.changed"})
    clock[0] += 0.6  # expired, but within a second of the last sweep: kept
    await layer.group_send("company.2", {"type": "queue.changed"})
    assert "page.two" in layer.channels

    clock[0] += 0.5
    await layer.group_send("company.2", {"type": "queue.changed"})
    assert "page.two" not in layer.channels


@pytest.mark.asyncio
async def test_a_group_event_reaches_each_member_once_and_a_full_page_misses_it():
    layer = SweepingInMemoryChannelLayer(capacity=1)
    for page in ("page.one", "page.two", "page.three"):
        await layer.group_add("group.7", page)
    await layer.send("page.two", {"type": "queue.changed", "n": 0})  # its queue full
    event = {"type": "queue.changed", "n": 1, "moves": {"to": ["open", None]}}
    await layer.group_send("group.7", event)
    event["moves"]["to"] = ["done", 3]  # the sender's dict is not what was queued

    for page in ("page.one", "page.three"):
        got = await layer.receive(page)
        assert got == {"type": "queue.changed", "n": 1, "moves": {"to": ["open", None]}}
    assert (await layer.receive("page.two"))["n"] == 0
    assert "page.two" not in layer.channels  # nothing more for it: missed, not late
