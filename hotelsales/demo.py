"""Demo users, one per role. They exist for trying the app out and are never created in production data."""

from django.conf import settings
from django.contrib.auth.models import Group, User

from hotelsales.roles import Role

DEMO_USERS = (
    ("sales", "王芳", Role.SALES),
    ("frontdesk", "李娜", Role.FRONT_DESK),
    ("manager", "张伟", Role.MANAGER),
    ("receivables", "刘洋", Role.RECEIVABLES),
    ("admin", "陈静", Role.ADMIN),
)


def seed_users() -> list[User]:
    groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
    users = []
    for username, name, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": name, "email": f"{username}@hotel.example", "is_staff": role == Role.ADMIN},
        )
        if created:
            user.is_superuser = role == Role.ADMIN
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
        user.groups.add(groups[role])
        users.append(user)
    return users
