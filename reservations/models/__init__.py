from reservations.models.bookings import Booking, DepositInstalment, LostReason
from reservations.models.functions import (
    BeoPrint,
    Event,
    EventResource,
    FunctionRoom,
    Resource,
    RoomSetup,
    SetupStyle,
    SpaceClaim,
)
from reservations.models.rooms import BlockNight, GroupBlock, Inventory, Reservation, RoomType

__all__ = [
    "BeoPrint",
    "BlockNight",
    "Booking",
    "DepositInstalment",
    "Event",
    "EventResource",
    "FunctionRoom",
    "GroupBlock",
    "Inventory",
    "LostReason",
    "Reservation",
    "Resource",
    "RoomSetup",
    "RoomType",
    "SetupStyle",
    "SpaceClaim",
]
