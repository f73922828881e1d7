"""The loaded content is kept out of the cyclic collector's scans, and nothing else changes."""

import gc
import weakref

import pytest

from build_tools.collector import long_lived, release_earlier


class Node:
    """A container the collector tracks; two of them referring to each other make a cycle."""

    def __init__(self):
        self.other = None


@pytest.fixture(autouse=True)
def collector_as_python_leaves_it():
    yield
    gc.unfreeze()
    gc.enable()


def tracked(item) -> bool:
    """Whether the collector scans `item` (frozen objects are in no generation)."""
    return any(candidate is item for candidate in gc.get_objects())


def test_the_collector_does_not_run_while_the_content_loads():
    with long_lived():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_what_was_loaded_is_left_out_of_the_collectors_scans():
    with long_lived():
        content = Node()
    assert not tracked(content)
    assert gc.get_freeze_count() > 0


def test_the_collector_runs_again_when_loading_fails():
    with pytest.raises(ValueError), long_lived():
        raise ValueError("a content problem")
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    with long_lived():
        pass
    assert not gc.isenabled()


def test_a_previews_earlier_content_is_collected_when_it_builds_again():
    with long_lived():
        first, second = Node(), Node()
        first.other, second.other = second, first
    gone = weakref.ref(first)
    del first, second
    gc.collect()
    assert gone() is not None  # frozen: the collector leaves it alone, garbage or not

    release_earlier()  # the next rebuild, before it loads the content again
    assert gone() is None
    assert gc.get_freeze_count() == 0


def test_content_still_in_use_survives_its_release():
    with long_lived():
        content = Node()
    kept = weakref.ref(content)
    release_earlier()
    assert kept() is content
    assert tracked(content)
