"""The units' part of the roll-up: a section of figures without sentences."""

from django.utils.translation import gettext_lazy as _

from danvan.rollup import registry

# After the four apps' sections, as in the report's part I.
registry.register("orgs", title=_("Units and residential groups"), order=90)
