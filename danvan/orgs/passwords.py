"""Password rules of the portal: Django's, with messages the Vietnamese catalogue has."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django 5.2 words this message anew ("%d character") and its Vietnamese catalogue
    does not translate it yet: an administrator setting a temporary password read English."""

    def get_error_message(self):
        return ngettext(
            "The password is too short: at least %(n)d character.",
            "The password is too short: at least %(n)d characters.",
            self.min_length,
        ) % {"n": self.min_length}
