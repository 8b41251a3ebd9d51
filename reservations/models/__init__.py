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

__all__ = [
    "BeoPrint",
    "Booking",
    "DepositInstalment",
    "Event",
    "EventResource",
    "FunctionRoom",
    "LostReason",
    "Resource",
    "RoomSetup",
    "SetupStyle",
    "SpaceClaim",
]
