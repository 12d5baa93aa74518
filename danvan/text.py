"""Text as people type it, stored one way: Unicode NFC.

Some keyboards and phones send Vietnamese decomposed (NFD: "e" + combining marks), so the same
name would be stored as two different strings and Excel, exact matches and other systems
would see two people. Everything typed is normalised to NFC on the way in: form and query
parameters by `NfcInputMiddleware` (the API reads its filters from the same query string),
spreadsheet cells by `danvan.excel`. Passwords are left as typed: they are compared as bytes.
"""

import unicodedata

from django.http import QueryDict


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text) if isinstance(text, str) else text


def _normalised(params: QueryDict) -> QueryDict | None:
    """A copy of `params` with every value in NFC, or None when it already is."""
    if all(
        unicodedata.is_normalized("NFC", value)
        for key, values in params.lists()
        if "password" not in key
        for value in values
    ):
        return None
    copy = QueryDict(mutable=True, encoding=params.encoding)
    for key, values in params.lists():
        copy.setlist(nfc(key), values if "password" in key else [nfc(v) for v in values])
    copy._mutable = False
    return copy


class NfcInputMiddleware:
    """Normalise request.GET and request.POST to NFC before any view or form reads them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (found := _normalised(request.GET)) is not None:
            request.GET = found
        if request.method == "POST" and (found := _normalised(request.POST)) is not None:
            request.POST = found
        return self.get_response(request)
