from reservations.models.bookings import Booking, DepositInstalment, LostReason
from reservations.models.documents import SentDocument
from reservations.models.functionspace import (
    BeoPrint,
    Event,
    EventResource,
    EventSpan,
    FunctionRoom,
    Resource,
    RoomSetup,
    SetupStyle,
    SpaceClaim,
)
from reservations.models.guestcare import (
    Complaint,
    DailyReportMail,
    Department,
    FeedbackRequest,
    Satisfaction,
    VipArrangement,
    VipTask,
    VipTemplateTask,
)
from reservations.models.menus import Dish, Menu, Package
from reservations.models.rates import AgreementRate, DayType, PublicRate, RateAgreement, Season
from reservations.models.rooms import BlockNight, GroupBlock, Inventory, Reservation, RoomType, StayRange

__all__ = [
    "AgreementRate",
    "BeoPrint",
    "BlockNight",
    "Booking",
    "Complaint",
    "DailyReportMail",
    "DayType",
    "Department",
    "DepositInstalment",
    "Dish",
    "Event",
    "EventResource",
    "EventSpan",
    "FeedbackRequest",
    "FunctionRoom",
    "GroupBlock",
    "Inventory",
    "LostReason",
    "Menu",
    "Package",
    "PublicRate",
    "RateAgreement",
    "Reservation",
    "Resource",
    "RoomSetup",
    "RoomType",
    "Satisfaction",
    "Season",
    "SentDocument",
    "SetupStyle",
    "SpaceClaim",
    "StayRange",
    "VipArrangement",
    "VipTask",
    "VipTemplateTask",
]
