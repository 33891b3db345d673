"""The advice file is parsed once per content: a report does not re-read the YAML, an edited file is re-read."""

import shutil

from reports.advice import advice_path, load_advice


def test_the_same_file_is_parsed_once():
    assert load_advice() is load_advice()


def test_an_edited_file_is_parsed_again(tmp_path):
    copy = tmp_path / "advice.yaml"
    shutil.copy(advice_path(), copy)
    first = load_advice(path=copy)
    assert load_advice(path=copy) is first
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text + "\n# an edit\n", encoding="utf-8")
    second = load_advice(path=copy)
    assert second is not first
    assert second.recommendations == first.recommendations
