"""The menu library and packages: managers set them up, salespeople read them to sell them."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hotelsales.roles import role_required
from reservations import access
from reservations.functionspace import queries
from reservations.functionspace.menu_forms import DishFormSet, MenuForm, PackageForm
from reservations.models import Menu, Package


@role_required(*access.SELL)
def menu_list(request):
    return render(request, "reservations/menu_list.html", {"menus": queries.menus()})


@role_required(*access.SELL)
def menu_detail(request, pk):
    menu = get_object_or_404(Menu.objects.prefetch_related("dishes"), pk=pk)
    return render(request, "reservations/menu_detail.html", {"menu": menu, "courses": queries.courses(menu)})


@role_required(*access.CONFIGURE)
def menu_create(request):
    return _menu_form(request, Menu())


@role_required(*access.CONFIGURE)
def menu_edit(request, pk):
    return _menu_form(request, get_object_or_404(Menu, pk=pk))


def _menu_form(request, menu: Menu):
    data = request.POST or None
    form = MenuForm(data, instance=menu)
    dishes = DishFormSet(data, instance=menu, prefix="dishes")
    if request.method == "POST":
        valid = form.is_valid()
        if dishes.is_valid() and valid:
            with transaction.atomic():
                menu = form.save()
                dishes.instance = menu
                dishes.save()
            messages.success(request, _("Menu %(name)s saved.") % {"name": menu.name})
            return redirect(menu)
    return render(
        request,
        "reservations/menu_form.html",
        {"form": form, "dishes": dishes, "menu": menu if menu.pk else None},
        status=400 if request.method == "POST" else 200,
    )


@role_required(*access.SELL)
def package_list(request):
    return render(request, "reservations/package_list.html", {"packages": queries.packages()})


@role_required(*access.SELL)
def package_detail(request, pk):
    package = get_object_or_404(Package.objects.select_related("menu").prefetch_related("menu__dishes"), pk=pk)
    return render(
        request, "reservations/package_detail.html", {"package": package, "courses": queries.courses(package.menu)}
    )


@role_required(*access.CONFIGURE)
def package_create(request):
    return _package_form(request, Package())


@role_required(*access.CONFIGURE)
def package_edit(request, pk):
    return _package_form(request, get_object_or_404(Package, pk=pk))


def _package_form(request, package: Package):
    form = PackageForm(request.POST or None, instance=package)
    if request.method == "POST" and form.is_valid():
        package = form.save()
        messages.success(request, _("Package %(name)s saved.") % {"name": package.name})
        return redirect(package)
    return render(
        request,
        "reservations/package_form.html",
        {"form": form, "package": package if package.pk else None},
        status=400 if form.errors else 200,
    )
