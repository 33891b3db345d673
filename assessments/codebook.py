"""Codebook serialisations (CSV and JSON). Columns and conventions: docs/codebook.md."""

import csv
import io
import json
from typing import Any

from .models import ItemFlag
from .selectors import Codebook

# Bumped when a column or key changes meaning, so that scripts reading old exports can tell.
CODEBOOK_FORMAT = 1

CSV_COLUMNS = [
    "instrument", "version", "position", "code", "module", "module_title_nl", "module_title_en",
    "module_optional", "dimension", "dimension_title_nl", "dimension_title_en", "factor", "aspect",
    "label_nl", "label_en", "text_nl", "text_en", "help_nl", "help_en",
    "scale", "value_min", "value_max", "value_labels_nl", "value_labels_en",
    "missing_value", "missing_label_nl", "missing_label_en",
    "flags", *[f"flag_{flag}" for flag in ItemFlag.values],
    "source_file", "source_section", "source_lines", "source_note", "source_reference",
]

VALUE_SEPARATOR = " | "
# Item keys the page uses that the JSON carries elsewhere (scales, modules) or not at all (translated labels).
PAGE_ONLY_KEYS = ("scale", "module_optional", "dimension_title", "flag_labels")
FLAG_SEPARATOR = ";"


def _value_labels(scale: dict[str, Any], lang: str) -> str:
    return VALUE_SEPARATOR.join(f"{o['value']}={o['label'][lang]}" for o in scale["options"])


def codebook_rows(*, codebook: Codebook) -> list[dict[str, Any]]:
    instrument = codebook.instrument
    titles = {block.module.code: block.module for block in codebook.modules}
    missing = codebook.missing_value
    rows = []
    for item in codebook.items:
        scale = item["scale"]
        values = [o["value"] for o in scale["options"]]
        module = titles[item["module"]]
        rows.append({
            "instrument": instrument.slug,
            "version": instrument.version,
            "position": item["position"],
            "code": item["code"],
            "module": item["module"],
            "module_title_nl": module.title_nl,
            "module_title_en": module.title_en,
            "module_optional": int(item["module_optional"]),
            "dimension": item["dimension"],
            "dimension_title_nl": item["dimension_title"]["nl"],
            "dimension_title_en": item["dimension_title"]["en"],
            "factor": item["factor"],
            "aspect": item["aspect"],
            **{f"{key}_{lang}": item[key][lang] for key in ("label", "text", "help") for lang in ("nl", "en")},
            "scale": scale["code"],
            "value_min": min(values) if values else "",
            "value_max": max(values) if values else "",
            "value_labels_nl": _value_labels(scale, "nl"),
            "value_labels_en": _value_labels(scale, "en"),
            "missing_value": missing["code"],
            "missing_label_nl": missing["label"]["nl"],
            "missing_label_en": missing["label"]["en"],
            "flags": FLAG_SEPARATOR.join(item["flags"]),
            **{f"flag_{flag}": int(flag in item["flags"]) for flag in ItemFlag.values},
            **{f"source_{key}": value for key, value in item["source"].items()},
            "source_reference": item["source_reference"],
        })
    return rows


def codebook_csv(*, codebook: Codebook, bom: bool = True) -> str:
    """One row per item. The BOM makes Excel read the file as UTF-8, so accents survive."""
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(codebook_rows(codebook=codebook))
    return buffer.getvalue()


def codebook_data(*, codebook: Codebook) -> dict[str, Any]:
    instrument = codebook.instrument
    return {
        "codebook_format": CODEBOOK_FORMAT,
        "instrument": {
            "slug": instrument.slug,
            "version": instrument.version,
            "status": instrument.status,
            "name": {"nl": instrument.name_nl, "en": instrument.name_en},
            "description": {"nl": instrument.description_nl, "en": instrument.description_en},
            "source_file": instrument.source_file,
            "checksum": instrument.checksum,
        },
        "missing_value": codebook.missing_value,
        # An item the respondent left unanswered has no value at all: empty in CSV exports, null in JSON.
        "unanswered_value": None,
        "scales": codebook.scales,
        "modules": [
            {
                "code": block.module.code,
                "title": {"nl": block.module.title_nl, "en": block.module.title_en},
                "optional": block.module.optional,
                "allow_comment": block.module.allow_comment,
                "source": block.module.source or {},
                "dimensions": [
                    {"code": group.dimension.code,
                     "title": {"nl": group.dimension.title_nl, "en": group.dimension.title_en},
                     "items": [item["code"] for item in group.items]}
                    for group in block.dimensions
                ],
            }
            for block in codebook.modules
        ],
        "items": [{**{k: v for k, v in item.items() if k not in PAGE_ONLY_KEYS}, "scale": item["scale"]["code"]}
                  for item in codebook.items],
    }


def codebook_json(*, codebook: Codebook) -> str:
    return json.dumps(codebook_data(codebook=codebook), ensure_ascii=False, indent=2) + "\n"
