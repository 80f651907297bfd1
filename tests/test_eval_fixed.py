"""eval.fixed: fold models kept as JSON and read back, and its errors (no corpus read)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from eval import fixed
from extract.participation import ParticipationModel

ROWS = [{"together": 1.0, "atype": "Person"}, {"together": 0.0, "atype": "Place"}] * 3
LABELS = [1, 0] * 3


def _model(c: float) -> ParticipationModel:
    vec = DictVectorizer()
    clf = LogisticRegression(C=c).fit(vec.fit_transform(ROWS), LABELS)
    return ParticipationModel(ParticipationModel.dump(vec, clf, {}))


def test_eval_fixed_models_survive_json_per_document() -> None:
    one, two = _model(1.0), _model(0.1)
    saved = json.loads(json.dumps(fixed._by_model({"a.txt": one, "b.txt": one, "c.txt": two})))
    assert sorted(names for names, _ in saved) == [["a.txt", "b.txt"], ["c.txt"]]
    back = fixed._per_document(saved, ParticipationModel)
    assert back["a.txt"] is back["b.txt"] and back["a.txt"] is not back["c.txt"]
    for name, original in (("a.txt", one), ("c.txt", two)):
        assert back[name].predict(ROWS) == original.predict(ROWS)


def test_eval_fixed_score_refuses_articles_the_models_never_saw(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(fixed, "read_dev", lambda model=None: [("Z01_new.txt", None, {})])
    saved = {"format": fixed.FORMAT, "docred": False, "types": [[["A01.txt"], _types()]],
             "types_all": _types(), "participation": [], "dates": []}  # fmt: skip
    with pytest.raises(ValueError, match=r"Z01_new\.txt.*save the models again"):
        fixed.score(saved)


def _types() -> dict[str, object]:
    return {"types": ["Person", "Place"], "features": ["x"], "coef": [[0.0], [0.0]],
            "intercept": [0.0, 0.0]}  # fmt: skip


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read saved fold models"),
        ("not json", "cannot read saved fold models"),
        ('{"format": "something else"}', "holds no fold models"),
    ],
)
def test_eval_fixed_score_names_a_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "folds.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert fixed.main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and str(path) in err and "Traceback" not in err
