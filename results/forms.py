from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .services import MAX_IMPORT_BYTES, ImportRejected, import_file_read


class ImportForm(forms.Form):
    """Upload of a JSON file with paper or workshop responses; ``cleaned_data["file"]`` is the parsed JSON."""

    file = forms.FileField(
        label=_("JSON-bestand met antwoorden"),
        help_text=_("Hoogstens 5 MB, in het formaat van ‘Hoe ziet het bestand eruit?’ hierboven."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    problems: list[str] = []

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Checked before reading, so an oversized upload is never loaded into memory as a whole.
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("Het bestand is groter dan 5 MB."), code="too_large")
        try:
            return import_file_read(content=upload.read())
        except ImportRejected as exc:
            # The problems go to the page's problem list, like the validation's; the field only points there.
            self.problems = [str(problem) for problem in exc.problems]
            raise ValidationError(_("Het bestand kan niet worden gelezen; zie de problemen hierboven."),
                                  code="unreadable") from None
