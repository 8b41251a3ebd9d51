import pytest

from tests.factories import RoomTypeFactory


@pytest.fixture
def room_type():
    """A room type with rooms enough for every stay a test of campaign results books."""
    return RoomTypeFactory(rooms=200)
