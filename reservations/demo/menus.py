"""The demo's menu library (菜单与套餐): four Chinese banquet menus with their dishes by course in both languages and
what each dish contains that guests may be allergic to, two beverage packages, two wedding packages built on two of
the menus, and two meeting packages (day delegate rates).

The demo's events (reservations.demo.bookings) name their menus and drinks as text; an event whose menu or drinks
are in the library at the same price picks them from it instead (`Library.apply`), so the library shows in use and
no event's price changes. Rows are found by name before they are made, so seeding again adds nothing.
"""

from dataclasses import dataclass
from decimal import Decimal

from reservations.models import Dish, Event, Menu, Package

COLD, HOT, SOUP, STAPLE, DESSERT, FRUIT, BEVERAGE = (
    Dish.Course.COLD, Dish.Course.HOT, Dish.Course.SOUP, Dish.Course.STAPLE, Dish.Course.DESSERT, Dish.Course.FRUIT,
    Dish.Course.BEVERAGE,
)  # fmt: skip
FRUIT_PLATTER = (FRUIT, "时令果盘", "Seasonal fruit platter", "")
DIM_SUM = (DESSERT, "美点双辉", "Two kinds of dim sum", "麸质、鸡蛋")
PEKING_DUCK_TWO_WAYS = (HOT, "北京烤鸭（两吃）", "Peking duck, two ways", "麸质、大豆")

# Chinese name, English name, pricing, price, [(course, Chinese, English, allergens)]
MENUS = [
    ("富贵宴", "Prosperity Banquet", Event.Pricing.PER_TABLE, "3588", [
        (COLD, "烧味拼盘", "Cantonese roast meat platter", "大豆"),
        (HOT, "清蒸多宝鱼", "Steamed turbot", "鱼类"),
        (HOT, "北京烤鸭", "Peking duck", "麸质、大豆"),
        (HOT, "红烧牛腩", "Braised beef brisket", "大豆"),
        (HOT, "白灼虾", "Poached prawns", "甲壳类"),
        (HOT, "上汤时蔬", "Seasonal greens in supreme broth", ""),
        (STAPLE, "扬州炒饭", "Yangzhou fried rice", "鸡蛋、甲壳类"),
        (DESSERT, "美点拼盘", "Dim sum platter", "麸质、鸡蛋"),
        FRUIT_PLATTER,
    ]),
    ("锦绣宴", "Splendour Banquet", Event.Pricing.PER_TABLE, "4588", [
        (COLD, "鸿运乳猪拼盘", "Roast suckling pig platter", "大豆"),
        (HOT, "蒜蓉蒸龙虾", "Steamed lobster with garlic", "甲壳类"),
        (HOT, "清蒸石斑鱼", "Steamed grouper", "鱼类"),
        (HOT, "北京烤鸭", "Peking duck", "麸质、大豆"),
        (HOT, "鲍汁扣花胶", "Braised fish maw in abalone sauce", "鱼类、软体动物"),
        (HOT, "红烧狮子头", "Braised pork meatballs", "麸质、鸡蛋、大豆"),
        (HOT, "上汤时蔬", "Seasonal greens in supreme broth", ""),
        DIM_SUM,
        FRUIT_PLATTER,
    ]),
    ("金玉良缘", "Golden Union", Event.Pricing.PER_TABLE, "5888", [
        (COLD, "鸿运乳猪全体", "Whole roast suckling pig", "大豆"),
        (HOT, "蒜蓉蒸澳洲龙虾", "Steamed Australian lobster with garlic", "甲壳类"),
        (HOT, "清蒸石斑鱼", "Steamed grouper", "鱼类"),
        PEKING_DUCK_TWO_WAYS,
        (HOT, "鲍汁扣花胶", "Braised fish maw in abalone sauce", "鱼类、软体动物"),
        (HOT, "XO酱爆带子", "Wok-fried scallops in XO sauce", "软体动物、甲壳类"),
        (HOT, "红烧牛仔骨", "Braised beef short ribs", "大豆"),
        (HOT, "上汤焗时蔬", "Baked greens in supreme broth", ""),
        (DESSERT, "百年好合甜汤", "Sweet soup of lily bulbs and lotus seeds", ""),
        DIM_SUM,
        FRUIT_PLATTER,
    ]),
    ("永结同心", "Eternal Bond", Event.Pricing.PER_TABLE, "6888", [
        (COLD, "龙虾刺身拼盘", "Lobster sashimi platter", "甲壳类"),
        (HOT, "清蒸东星斑", "Steamed coral grouper", "鱼类"),
        PEKING_DUCK_TWO_WAYS,
        (HOT, "蚝皇扣鲍鱼", "Braised abalone in oyster sauce", "软体动物"),
        (HOT, "黑椒牛仔粒", "Black pepper beef cubes", "大豆"),
        (HOT, "蟹黄扒豆腐", "Tofu with crab roe", "甲壳类、大豆"),
        (HOT, "翡翠炒虾球", "Stir-fried prawns with green vegetables", "甲壳类"),
        (SOUP, "松茸炖花胶", "Double-boiled fish maw with matsutake", "鱼类"),
        (DESSERT, "莲子百合红豆沙", "Red bean soup with lotus seeds and lily bulbs", ""),
        DIM_SUM,
        FRUIT_PLATTER,
    ]),
]  # fmt: skip
SOFT_DRINKS = [
    (BEVERAGE, "可口可乐", "Coca-Cola", ""),
    (BEVERAGE, "雪碧", "Sprite", ""),
    (BEVERAGE, "鲜榨橙汁", "Freshly squeezed orange juice", ""),
    (BEVERAGE, "矿泉水", "Mineral water", ""),
]
TSINGTAO = (BEVERAGE, "青岛啤酒", "Tsingtao beer", "麸质")
# Chinese name, English name, pricing, price, drinks, and the words the demo's events name them by.
BEVERAGES = [
    ("啤酒饮料畅饮", "Beer and soft drinks, free flow", Event.Pricing.PER_PERSON, "48", [TSINGTAO, *SOFT_DRINKS],
     "啤酒、饮料畅饮"),
    ("红酒畅饮套餐", "Wine, beer and soft drinks, free flow", Event.Pricing.PER_PERSON, "88",
     [(BEVERAGE, "长城干红葡萄酒", "Great Wall dry red wine", "亚硫酸盐"), TSINGTAO, *SOFT_DRINKS],
     "啤酒、饮料、国产红酒畅饮"),
]  # fmt: skip
# Chinese name, English name, kind, price, fewest tables, menu (Chinese name), decoration, room benefits, includes
PACKAGES = [
    ("金玉良缘婚宴套餐", "Golden Union wedding package", Package.Kind.WEDDING, "5888", 10, "金玉良缘",
     "鲜花拱门、路引12组、主背景板、签到台、香槟塔", "赠送豪华婚房一晚（含双人早餐）", ""),
    ("永结同心婚宴套餐", "Eternal Bond wedding package", Package.Kind.WEDDING, "6888", 15, "永结同心",
     "鲜花拱门、水晶路引16组、LED主背景、签到台、香槟塔、婚礼蛋糕",
     "赠送行政套房婚房一晚（含双人早餐）及亲友房2间", ""),
    ("全天会议套餐", "Full-day meeting package", Package.Kind.MEETING, "380", 0, "", "", "",
     "会议室（全天）\n上午、下午茶歇各一次\n自助午餐\n投影仪、无线麦克风、白板\n矿泉水、纸笔"),
    ("半天会议套餐", "Half-day meeting package", Package.Kind.MEETING, "260", 0, "", "", "",
     "会议室（半天）\n茶歇一次\n自助午餐\n投影仪、无线麦克风\n矿泉水、纸笔"),
]  # fmt: skip


@dataclass(frozen=True)
class Library:
    menus: dict[str, Menu]  # Chinese name -> banquet menu
    packages: dict[int, Package]  # menu id -> wedding package
    beverages: dict[str, Menu]  # the words an event names the drinks by -> beverage package

    def apply(self, event: Event) -> None:
        """Pick the event's menu (or the wedding package built on it, for enough tables) and its drinks from the
        library when the library has them at the event's price; the text they replace is then left empty."""
        menu = self.menus.get(event.menu.split("：")[0])
        if menu is not None and menu.price == event.menu_price and menu.pricing == event.pricing:
            package = self.packages.get(menu.pk)
            if package is not None and event.tables >= package.min_tables:
                event.package = package
            else:
                event.chosen_menu = menu
            event.menu = ""
        drinks = self.beverages.get(event.beverage_package)
        if drinks is not None and drinks.price == event.beverage_price and drinks.pricing == event.beverage_pricing:
            event.beverage_menu, event.beverage_package = drinks, ""


def _menu(kind: str, zh: str, en: str, pricing: str, price: str, dishes: list) -> Menu:
    menu, created = Menu.objects.get_or_create(
        kind=kind, name_zh=zh, defaults={"name_en": en, "pricing": pricing, "price": Decimal(price)}
    )
    if created:
        Dish.objects.bulk_create(
            Dish(menu=menu, course=course, name_zh=dish_zh, name_en=dish_en, allergens=allergens, order=order)
            for order, (course, dish_zh, dish_en, allergens) in enumerate(dishes, start=1)
        )
    return menu


def seed_library() -> Library:
    menus = {zh: _menu(Menu.Kind.BANQUET, zh, en, pricing, price, dishes) for zh, en, pricing, price, dishes in MENUS}
    beverages = {
        words: _menu(Menu.Kind.BEVERAGE, zh, en, pricing, price, drinks)
        for zh, en, pricing, price, drinks, words in BEVERAGES
    }
    packages = {}
    for zh, en, kind, price, min_tables, menu, decoration, benefits, includes in PACKAGES:
        package, _created = Package.objects.get_or_create(
            kind=kind, name_zh=zh,
            defaults={"name_en": en, "price": Decimal(price), "min_tables": min_tables, "menu": menus.get(menu),
                      "decoration": decoration, "room_benefits": benefits, "includes": includes},
        )  # fmt: skip
        if package.menu_id is not None:
            packages[package.menu_id] = package
    return Library(menus=menus, packages=packages, beverages=beverages)
