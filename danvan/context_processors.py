from django.utils.functional import SimpleLazyObject

from danvan import navigation
from danvan.models import Notification
from danvan.picker import current_period, current_unit, period_choices, unit_choices


def portal(request):
    """Menu and the unit / period picker for the base layout, computed only when shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "menu": SimpleLazyObject(lambda: navigation.menu_for(user)),
        "current_unit": SimpleLazyObject(lambda: current_unit(request)),
        "current_period": SimpleLazyObject(lambda: current_period(request)),
        "unit_choices": SimpleLazyObject(lambda: unit_choices(user)),
        "period_choices": SimpleLazyObject(period_choices),
        "unread_count": SimpleLazyObject(
            lambda: Notification.objects.for_user(user).unread().count()
        ),
    }
