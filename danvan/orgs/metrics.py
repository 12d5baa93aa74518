from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan import metrics
from danvan.orgs.models import Unit


@metrics.register(
    "orgs.residential_groups",
    label=_("Residential groups"),
    unit=pgettext_lazy("unit of measure", "groups"),
    aggregation=metrics.Aggregation.LATEST,
    group="orgs",
)
def residential_groups(scope):
    """Residential groups existing at the end of the period."""
    end = scope.end
    groups = Unit.objects.filter(
        scope.unit_q("path"),
        Q(valid_from__isnull=True) | Q(valid_from__lte=end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=end),
        kind=Unit.Kind.RESIDENTIAL_GROUP,
    )
    return metrics.sum_by_unit(groups, "path", count=Count("id"))
