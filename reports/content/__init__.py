"""The report's content: scores, instrument texts and advice turned into rows the templates print.

Split by what it presents: ``rows`` (the tables), ``summary`` (the summary page and warnings),
``advice_sections`` (the advice chapter), ``network`` (the network report as a whole) and ``personal``
(a respondent's own report).

Runs in the viewer's language (gettext for the product's own words, ``obj.tr()`` for the instrument's
bilingual texts, ``Recommendation.title_in`` for the advice). Nothing here queries per item: the entry points
read the items, scores and facts once through ``reports.selectors`` and hand them to the builders.
"""

from .network import network_report_get
from .personal import personal_report_get

__all__ = ["network_report_get", "personal_report_get"]
