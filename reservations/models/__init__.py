from reservations.models.bookings import Booking, DepositInstalment, LostReason
from reservations.models.care import (
    Complaint,
    Department,
    FeedbackRequest,
    Satisfaction,
    VipArrangement,
    VipTask,
    VipTemplateTask,
)
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
from reservations.models.rooms import BlockNight, GroupBlock, Inventory, Reservation, RoomType, StayRange

__all__ = [
    "BeoPrint",
    "BlockNight",
    "Booking",
    "Complaint",
    "Department",
    "DepositInstalment",
    "Event",
    "EventResource",
    "FeedbackRequest",
    "FunctionRoom",
    "GroupBlock",
    "Inventory",
    "LostReason",
    "Reservation",
    "Resource",
    "RoomSetup",
    "RoomType",
    "Satisfaction",
    "SetupStyle",
    "SpaceClaim",
    "StayRange",
    "VipArrangement",
    "VipTask",
    "VipTemplateTask",
]
