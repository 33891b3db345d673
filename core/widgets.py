"""Choice widgets whose options each carry a short explanation (what a chain role means, what a module adds).

The explanation is rendered under the option by the project's override of crispy's
``bootstrap5/layout/radio_checkbox_select.html`` and tied to it with ``aria-describedby``, so that a screen reader
reads it with the option and not as loose text after the list.
"""

from typing import TYPE_CHECKING

from django import forms

if TYPE_CHECKING:
    # For the type checker the mixin is the choice widget it is mixed into; at run time a plain class.
    _OptionsBase = forms.widgets.ChoiceWidget
else:
    _OptionsBase = object


class _DescribedOptionsMixin(_OptionsBase):
    descriptions: dict[str, str]

    def __init__(self, *args, descriptions: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.descriptions = dict(descriptions or {})

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        description = self.descriptions.get(str(value), "")
        option["description"] = description
        if description and option["attrs"].get("id"):
            own = f"{option['attrs']['id']}_description"
            shared = option["attrs"].get("aria-describedby")
            option["attrs"]["aria-describedby"] = f"{own} {shared}" if shared else own
        return option


class DescribedCheckboxSelectMultiple(_DescribedOptionsMixin, forms.CheckboxSelectMultiple):
    pass


class DescribedRadioSelect(_DescribedOptionsMixin, forms.RadioSelect):
    pass
