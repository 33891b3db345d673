"""Dutch unless the user chose otherwise.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a coordinator with an English
browser would get a half-English site without asking. Ketenregie's working language is Dutch; English is
an explicit choice through the language switch (stored in the language cookie).
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
