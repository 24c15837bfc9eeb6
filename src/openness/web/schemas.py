"""The API's response shapes, declared so the OpenAPI schema documents them (and FastAPI checks every
answer against them). v1 follows the Model Openness Tool's API.md; v2 is openness's own."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Shape(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="forbid")


class ErrorDetail(Shape):
    code: int = Field(description="The HTTP status.")
    message: str


class ErrorBody(Shape):
    """The MOT's error body, for every 4xx and 5xx answer of the API."""

    error: ErrorDetail


class Pager(Shape):
    total_items: int
    total_pages: int
    current_page: int = Field(description="1-indexed.")


class Classification(Shape):
    klass: int | None = Field(alias="class", description="MOF class: 1, 2, 3, or 0 (unclassified).")
    label: str | None
    progress: dict[str, float | None] = Field(description='Percent met per class, keyed "1", "2", "3".')


class V1Model(Shape):
    id: str = Field(description="The model's id (a string, as the MOT gives it).")
    framework: dict[str, Any] = Field(description="The MOF the record follows: name, version, date.")
    release: dict[str, Any] = Field(description="The release as a MOT YAML record's `release` mapping.")
    classification: Classification


class V1Page(Shape):
    pager: Pager
    models: list[V1Model]


class Mof(Shape):
    klass: int | None = Field(alias="class")
    label: str


class V2Summary(Shape):
    id: int
    key: str = Field(description="The model's identity: mot:RECORD for an imported MOT record.")
    name: str
    mof: Mof
    verdicts: dict[str, str] = Field(description="Framework key → verdict.")
    assessed_at: str
    openness_version: str
    revision: str
    links: dict[str, Any]


class V2Page(Shape):
    pager: Pager
    models: list[V2Summary]


class HistoryEntry(Shape):
    assessment_id: int
    assessed_at: str
    revision: str
    source: str
    openness_version: str
    data_version: str
    mof: Mof
    verdicts: dict[str, str]


class History(Shape):
    id: int
    key: str
    history: list[HistoryEntry] = Field(description="Every assessment, oldest first; none is ever replaced.")


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter is not valid."},
    404: {"model": ErrorBody, "description": "No such model."},
    503: {"model": ErrorBody, "description": "The database is unavailable."},
}
